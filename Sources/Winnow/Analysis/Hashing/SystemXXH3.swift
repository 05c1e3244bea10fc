import CXXHash

/// XXH3 through the shared libxxhash, as the baseline that `winnow bench`
/// measures the hot loop against, and for long inputs. Public to the
/// benchmarks package only (`@_spi(Benchmarks) import Winnow`).
@_spi(Benchmarks) public enum SystemXXH3 {
    /// Hashes `count` bytes with the library's `XXH3_64bits_withSeed`.
    public static func hash(_ pointer: UnsafeRawPointer, count: Int, seed: UInt64) -> UInt64 {
        XXH3_64bits_withSeed(pointer, count, seed)
    }

    /// The version of the linked libxxhash, as "major.minor.release".
    public static var libraryVersion: String {
        let v = XXH_versionNumber()
        return "\(v / 10000).\(v / 100 % 100).\(v % 100)"
    }
}

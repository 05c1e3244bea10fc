#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Standard output and error, written with `write(2)`: Foundation's
/// `FileHandle.write(_:)` stops the program when a write fails (a full disk,
/// a closed pipe), where a write to standard output must be an error the run
/// reports and a write to standard error may only be lost.
package enum StandardStreams {
    /// Writes `bytes` to standard output, after whatever `print` buffered.
    /// - Throws: ``WinnowError/cannotWrite(_:reason:)`` naming standard output.
    package static func writeOutput(_ bytes: [UInt8]) throws(WinnowError) {
        if fflush(stdout) != 0 || !writeAll(1, bytes) {
            throw .cannotWrite("standard output", reason: String(cString: strerror(errno)))
        }
    }

    /// Writes `string` to standard error; a failure is ignored, since there
    /// is nowhere left to report it.
    package static func writeError(_ string: String) {
        _ = writeAll(2, Array(string.utf8))
    }

    /// Whether what `print` buffered for standard output reached it.
    package static func flushOutput() throws(WinnowError) {
        if fflush(stdout) != 0 || ferror(stdout) != 0 {
            throw .cannotWrite("standard output", reason: String(cString: strerror(errno == 0 ? EIO : errno)))
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var written = 0
            while written < raw.count {
                let n = write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                written += n
            }
            return true
        }
    }
}

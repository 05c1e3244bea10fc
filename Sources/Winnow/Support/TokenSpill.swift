import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Where pages put their word hashes once a run's pages hold more of them
/// than a budget: a temporary file, written and read at offsets, so that the
/// memory a large dump's pages hold is bounded by the budget, not by the dump.
///
/// A page's word hashes are a page's largest part (about 3.5 KB of a news
/// page's 8), and after the in-page rules only two stages read them again:
/// the signatures (each page once) and the verification of candidate pairs
/// (the pages of those pairs). Both read a page's hashes back with one
/// `pread` of a few kilobytes, from the page cache for a file just written.
///
/// The file has no name (`O_TMPFILE`, or unlinked as soon as it is made), so
/// nothing is left behind, however the run ends. When it cannot be made or
/// written (a full disk), pages keep their hashes in memory: the run's
/// outputs never depend on the spill; ``failure`` says why it stopped.
final class TokenSpill: Sendable {
    /// The most bytes of word hashes pages hold in memory before further
    /// pages put theirs in the file.
    let budget: Int
    /// The folder the file is made in.
    private let folder: String
    private let held = Atomic<Int>(0)
    private let end = Atomic<Int>(0)
    private let state = Mutex<(fd: Int32, failure: String?)>((-1, nil))

    /// The default ``budget``: 256 MiB, word hashes of about 75,000 news pages.
    static let defaultBudget = 256 << 20

    init(budget: Int = TokenSpill.defaultBudget, folder: String? = nil) {
        self.budget = budget
        let environment = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 }
        self.folder = folder ?? environment ?? "/tmp"
    }

    deinit {
        state.withLock { if $0.fd >= 0 { close($0.fd) } }
    }

    /// Why the file stopped taking pages, if it did: the pages after that held their hashes.
    var failure: String? { state.withLock { $0.failure } }

    /// The number of bytes of word hashes in the file.
    var spilledBytes: Int { end.load(ordering: .relaxed) }

    /// Where a page's hashes are to go for `count` hashes: nil while the
    /// pages' hashes fit the budget (the page holds them), else the offset
    /// in the file they were written at.
    func place(_ hashes: UnsafeBufferPointer<TokenHash>) -> Int? {
        let bytes = hashes.count * MemoryLayout<TokenHash>.stride
        guard bytes > 0 else { return nil }
        if held.add(bytes, ordering: .relaxed).newValue <= budget { return nil }
        guard let fd = file() else {
            return nil
        }
        let offset = end.add(bytes, ordering: .relaxed).oldValue
        var written = 0
        let raw = UnsafeRawBufferPointer(hashes)
        while written < bytes {
            let n = pwrite(fd, raw.baseAddress! + written, bytes - written, off_t(offset + written))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let why = n < 0 ? String(cString: strerror(errno)) : "nothing written"
                state.withLock { if $0.failure == nil { $0.failure = "cannot write word hashes to a temporary file in \(folder): \(why)" } }
                return nil
            }
            written += n
        }
        return offset
    }

    /// Reads `count` hashes written at `offset` into `buffer`.
    func read(_ buffer: UnsafeMutableBufferPointer<TokenHash>, at offset: Int) {
        let fd = state.withLock { $0.fd }
        let bytes = buffer.count * MemoryLayout<TokenHash>.stride
        let raw = UnsafeMutableRawBufferPointer(buffer)
        var done = 0
        while done < bytes {
            let n = pread(fd, raw.baseAddress! + done, bytes - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            // The file is the run's own, unnamed: it cannot be cut short.
            precondition(n > 0, "the word-hash spill file could not be read: \(String(cString: strerror(errno)))")
            done += n
        }
    }

    /// Linux's `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY`), which Glibc's
    /// module does not export: a file with no name in the folder opened.
    private static let temporaryFile: Int32 = 0o20000000 | O_DIRECTORY

    /// The file, made at first need; nil once making or writing it failed.
    private func file() -> Int32? {
        state.withLock { state -> Int32? in
            if state.failure != nil { return nil }
            if state.fd >= 0 { return state.fd }
            var fd = open(folder, Self.temporaryFile | O_RDWR | O_CLOEXEC, 0o600)
            if fd < 0 {
                // A file system without O_TMPFILE: a named file, unlinked at once.
                var template = Array((folder + "/.winnow-spill-XXXXXX").utf8CString)
                fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
                if fd >= 0 { template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) } }
            }
            guard fd >= 0 else {
                state.failure = "cannot make a temporary file in \(folder) for word hashes: \(String(cString: strerror(errno)))"
                return nil
            }
            state.fd = fd
            return fd
        }
    }
}

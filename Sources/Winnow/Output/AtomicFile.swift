import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Writes files so that a reader sees the old file or the whole new one,
/// never a part: the bytes go to a temporary file beside the target, which
/// is then renamed over it.
package enum AtomicFile {
    /// Temporary files start with this, so an interrupted run's leftovers are recognisable.
    static let temporaryPrefix = ".winnow-tmp-"

    /// Writes `bytes` to `given` atomically.
    ///
    /// A device, FIFO or socket (named directly or through a link) is
    /// written into, never replaced: `-o /dev/null` stays the null device.
    /// A link to a file is written through: the file it names is replaced
    /// and the link stays.
    package static func write(_ bytes: [UInt8], to given: String) throws(WinnowError) {
        try write(to: given, size: bytes.count) { put in _ = put(bytes) }
    }

    /// Writes what `produce` puts, piece by piece, to `given`, as
    /// ``write(_:to:)`` writes bytes: a report of any size is never whole in
    /// memory. `put` returns false once a write failed; `size`, when known,
    /// reserves the file's blocks first.
    package static func write(to given: String, size: Int? = nil,
                              _ produce: (_ put: ([UInt8]) -> Bool) -> Void) throws(WinnowError) {
        var info = stat()
        if stat(given, &info) == 0 {
            let kind = info.st_mode & S_IFMT
            if kind != S_IFREG && kind != S_IFDIR { return try writeInto(given, produce) }
        }
        let path = linkTarget(given) ?? given
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        // A folder is made once a run: asking for each of a dump's files cost
        // a run several system calls a file.
        if !madeFolders.withLock({ $0.contains(directory) }) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .cannotWrite(path, reason: "cannot create folder \(directory)")
            }
            madeFolders.withLock { _ = $0.insert(directory) }
            removeLeftovers(in: directory)
        }
        let temporary = directory + "/" + temporaryPrefix + "\(getpid())-" + url.lastPathComponent
        // Created under the lock, so an interrupt either sees the file or stops its creation.
        let opened = inFlight.withLock { state -> (fd: Int32, error: Int32)? in
            guard state.open else { return nil }
            let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            if fd >= 0 { state.paths.insert(temporary) }
            return (fd, errno)
        }
        // Interrupted: the signal handler is removing temporary files and ends the process.
        guard let (fd, openError) = opened else { while true { pause() } }
        guard fd >= 0 else { throw .cannotWrite(path, reason: String(cString: strerror(openError))) }
        defer { _ = inFlight.withLock { $0.paths.remove(temporary) } }
        // The file's blocks are taken before it is written: a full disk fails
        // here, before any byte is written, and ext4 has no delayed
        // allocation to flush when the file is renamed over an old one.
        if let size, size > 0, posix_fallocate(fd, 0, off_t(size)) == ENOSPC {
            close(fd)
            unlink(temporary)
            throw .cannotWrite(path, reason: String(cString: strerror(ENOSPC)))
        }
        var failure: Int32 = 0
        produce { bytes in
            guard failure == 0 else { return false }
            failure = writeAll(fd, bytes)
            return failure == 0
        }
        close(fd)
        guard failure == 0, rename(temporary, path) == 0 else {
            let why = String(cString: strerror(failure != 0 ? failure : errno))
            unlink(temporary)
            throw .cannotWrite(path, reason: why)
        }
    }

    /// Removes the temporary files that runs killed before they could
    /// (SIGKILL, a power cut) left in `directory`: those named for a process
    /// that no longer runs. Done once a folder a run.
    static func removeLeftovers(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(temporaryPrefix) {
            let rest = name.dropFirst(temporaryPrefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(directory + "/" + name) }
        }
    }

    /// Writes all of `bytes` to `fd`: 0, or the error.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32 {
        bytes.withUnsafeBytes { raw -> Int32 in
            var written = 0
            while written < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += n
            }
            return 0
        }
    }

    /// The file a link names, when `path` is a link (followed to its end,
    /// or, for a dangling link, the path it holds).
    private static func linkTarget(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return nil }
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else { return nil }
        return target.hasPrefix("/") ? target : (path as NSString).deletingLastPathComponent + "/" + target
    }

    /// Writes into a file that is not a regular one (a device, a FIFO), as it is.
    private static func writeInto(_ path: String, _ produce: (_ put: ([UInt8]) -> Bool) -> Void) throws(WinnowError) {
        let fd = open(path, O_WRONLY)
        guard fd >= 0 else { throw .cannotWrite(path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var failure: Int32 = 0
        produce { bytes in
            guard failure == 0 else { return false }
            failure = writeAll(fd, bytes)
            return failure == 0
        }
        if failure != 0 { throw .cannotWrite(path, reason: String(cString: strerror(failure))) }
    }

    /// Folders made (or found) by ``write(_:to:)`` in this process.
    private static let madeFolders = Mutex<Set<String>>([])

    /// Temporary files being written, so that an interrupted run can remove them.
    private static let inFlight = Mutex<(open: Bool, paths: Set<String>)>((true, []))

    /// Output folders being built (``OutputFolder``): on an interrupt the
    /// new folder goes, and an old one moved aside goes back.
    private static let foldersInFlight = Mutex<[String: (target: String, old: String)]>([:])

    /// Registers an output folder being built, until ``forgetFolder(_:)``.
    package static func removeOnInterrupt(folder staging: String, target: String, old: String) {
        foldersInFlight.withLock { $0[staging] = (target, old) }
    }

    package static func forgetFolder(_ staging: String) {
        _ = foldersInFlight.withLock { $0.removeValue(forKey: staging) }
    }
    private static let signalSources = Mutex<[any DispatchSourceSignal]>([])

    /// On SIGINT, SIGTERM or SIGHUP: stop new writes, remove the temporary
    /// files being written, then die of the signal as usual. Files already
    /// renamed into place are whole; no partial file is left under any name.
    public static func removeTemporaryFilesOnInterrupt() {
        signalSources.withLock { sources in
            guard sources.isEmpty else { return }
            let queue = DispatchQueue(label: "winnow.signals")
            for sig in [SIGINT, SIGTERM, SIGHUP] {
                signal(sig, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
                source.setEventHandler {
                    let paths = inFlight.withLock { state in
                        state.open = false
                        return state.paths
                    }
                    for path in paths { unlink(path) }
                    for (staging, folder) in foldersInFlight.withLock({ $0 }) {
                        try? FileManager.default.removeItem(atPath: staging)
                        var info = stat()
                        if lstat(folder.target, &info) != 0 && lstat(folder.old, &info) == 0 { rename(folder.old, folder.target) }
                    }
                    // Die of the signal, as the caller expects. The signal may
                    // be blocked here (and in every thread, if the parent spawned
                    // us with it blocked): unblock it on this thread and raise it.
                    signal(sig, SIG_DFL)
                    var set = sigset_t()
                    sigemptyset(&set)
                    sigaddset(&set, sig)
                    pthread_sigmask(SIG_UNBLOCK, &set, nil)
                    raise(sig)
                    _exit(128 + sig)
                }
                source.resume()
                sources.append(source)
            }
        }
    }

    /// Writes what `produce` puts to standard output for `-`, else as
    /// ``write(to:size:_:)`` does.
    package static func writeOrPrint(to path: String, _ produce: (_ put: ([UInt8]) -> Bool) -> Void) throws(WinnowError) {
        guard path == "-" else { return try write(to: path, produce) }
        var failure: WinnowError?
        produce { bytes in
            guard failure == nil else { return false }
            do throws(WinnowError) { try StandardStreams.writeOutput(bytes) } catch { failure = error }
            return failure == nil
        }
        if let failure { throw failure }
    }

    /// Writes to standard output for `-`, else atomically to the path.
    public static func writeOrPrint(_ bytes: [UInt8], to path: String) throws(WinnowError) {
        if path == "-" {
            try StandardStreams.writeOutput(bytes)
        } else {
            try write(bytes, to: path)
        }
    }
}

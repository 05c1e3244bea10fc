import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes files so that a reader sees the old file or the whole new one,
/// never a part: the bytes go to a temporary file beside the target, which
/// is then renamed over it.
public enum AtomicFile {
    /// Temporary files start with this, so an interrupted run's leftovers are recognisable.
    static let temporaryPrefix = ".winnow-tmp-"

    public static func write(_ bytes: [UInt8], to path: String) throws(WinnowError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path, reason: "cannot create folder \(directory)")
        }
        let temporary = directory + "/" + temporaryPrefix + "\(getpid())-" + url.lastPathComponent
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path, reason: String(cString: strerror(errno))) }
        var written = 0
        let ok = bytes.withUnsafeBytes { raw -> Bool in
            while written < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                written += n
            }
            return true
        }
        let reason = ok ? nil : String(cString: strerror(errno))
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            let why = reason ?? String(cString: strerror(errno))
            unlink(temporary)
            throw .cannotWrite(path, reason: why)
        }
    }

    /// Writes to standard output for `-`, else atomically to the path.
    public static func writeOrPrint(_ bytes: [UInt8], to path: String) throws(WinnowError) {
        if path == "-" {
            FileHandle.standardOutput.write(Data(bytes))
        } else {
            try write(bytes, to: path)
        }
    }
}

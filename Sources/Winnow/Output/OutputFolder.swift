import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The folder a `clean` run writes: built beside its target and swapped in
/// whole when the run succeeds, so that the target holds exactly one run's
/// files. An interrupted or killed run leaves the old folder as it was; its
/// half-built folder is removed on the interrupt, or else (killed, or a
/// writer that was making a subfolder) by the next run. Two runs into one
/// target at once are refused.
///
/// Only a folder that is missing, empty, or marked as written by winnow
/// (``marker``) is ever replaced: a folder holding anything else is refused
/// before any work, and nothing of the user's is deleted.
package struct OutputFolder {
    /// The folder as given, and the one files are written to until ``commit()``.
    package let target: String
    package let staging: String
    private let lock: Int32

    /// The file that marks a folder as a winnow output.
    package static let marker = ".winnow-output"

    /// Checks `target`, takes its lock, removes what killed runs left, and
    /// makes the folder to write into.
    /// - Throws: ``WinnowError/outputNotOurs(_:)`` for a folder holding files
    ///   winnow did not write, ``WinnowError/outputBusy(_:)`` while another
    ///   run writes it, ``WinnowError/cannotWrite(_:reason:)``.
    package static func begin(_ given: String) throws(WinnowError) -> OutputFolder {
        let target = URL(fileURLWithPath: given).standardizedFileURL.resolvingSymlinksInPath().path
        var info = stat()
        if lstat(target, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw .cannotWrite(given, reason: "not a folder") }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
            if !entries.isEmpty && !entries.contains(marker) { throw .outputNotOurs(given) }
        }
        let parent = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(given, reason: "cannot create folder \(parent)")
        }
        let lockPath = parent + "/." + name + ".winnow-lock"
        let lock = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lock >= 0 else { throw .cannotWrite(given, reason: String(cString: strerror(errno))) }
        guard flock(lock, LOCK_EX | LOCK_NB) == 0 else {
            close(lock)
            throw .outputBusy(given)
        }
        // Under the lock, what an earlier run left is no run's any more.
        let leftover = "." + name + ".winnow-"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
        where entry.hasPrefix(leftover) && !entry.hasSuffix("-lock") {
            try? FileManager.default.removeItem(atPath: parent + "/" + entry)
        }
        let staging = parent + "/" + leftover + "new-\(getpid())"
        // Registered first, so that an interrupt from here on removes it.
        AtomicFile.removeOnInterrupt(folder: staging, target: target, old: oldPath(staging))
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
        } catch {
            AtomicFile.forgetFolder(staging)
            close(lock)
            throw .cannotWrite(given, reason: "cannot create folder \(staging)")
        }
        return OutputFolder(target: target, staging: staging, lock: lock)
    }

    /// The folder being built at `staging` for `target` by an earlier
    /// ``begin(_:)`` in another process (the distributed stages: the driver
    /// begins it, its tasks write into it, the driver commits it). It holds
    /// no lock: the driver is the one writer.
    package static func adopting(staging: String, target: String) -> OutputFolder {
        OutputFolder(target: URL(fileURLWithPath: target).standardizedFileURL.resolvingSymlinksInPath().path,
                     staging: staging, lock: -1)
    }

    /// Makes the subfolders that files at these paths (relative to the
    /// folder) go in, before ``write(_:to:)`` writes them from many threads.
    package func makeFolders(for relativePaths: some Sequence<String>) throws(WinnowError) {
        var made = Set<String>()
        for relative in relativePaths {
            let folder = (relative as NSString).deletingLastPathComponent
            guard !folder.isEmpty, made.insert(folder).inserted else { continue }
            do {
                try FileManager.default.createDirectory(atPath: staging + "/" + folder, withIntermediateDirectories: true)
            } catch {
                throw .cannotWrite(target + "/" + folder, reason: "cannot create folder")
            }
        }
    }

    /// Writes a new file at `relative` in the folder being built, whose
    /// subfolder ``makeFolders(for:)`` made. No one sees the folder before
    /// ``commit()``, so the file is written in place: no temporary file and
    /// rename a file, which cost a dump of small pages a large part of its
    /// writing. A failed or interrupted run removes the whole folder.
    package func write(_ bytes: [UInt8], to relative: String) throws(WinnowError) {
        let fd = open(staging + "/" + relative, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(target + "/" + relative, reason: String(cString: strerror(errno))) }
        let failure = AtomicFile.writeAll(fd, bytes)
        // A failed close is a failed write (NFS reports it there).
        let closed = close(fd)
        if failure != 0 || closed != 0 {
            throw .cannotWrite(target + "/" + relative, reason: String(cString: strerror(failure != 0 ? failure : errno)))
        }
    }

    /// Marks the new folder and puts it in the target's place; the old
    /// folder, if any, goes.
    package func commit() throws(WinnowError) {
        defer {
            AtomicFile.forgetFolder(staging)
            if lock >= 0 { close(lock) }
        }
        let marked = FileManager.default.createFile(atPath: staging + "/" + Self.marker,
                                                     contents: Data("written by winnow clean\n".utf8))
        guard marked else { throw .cannotWrite(target, reason: "cannot mark \(staging)") }
        var info = stat()
        if lstat(target, &info) != 0 {
            guard rename(staging, target) == 0 else { throw .cannotWrite(target, reason: String(cString: strerror(errno))) }
            return
        }
        // The old folder moves aside, the new one in, the old one goes: a
        // reader sees the old folder or the new one, or, for the moment
        // between the two renames, none.
        let old = Self.oldPath(staging)
        guard rename(target, old) == 0 else { throw .cannotWrite(target, reason: String(cString: strerror(errno))) }
        guard rename(staging, target) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(old, target)
            throw .cannotWrite(target, reason: reason)
        }
        try? FileManager.default.removeItem(atPath: old)
    }

    /// Removes the new folder after a failed run; the target stays as it was.
    package func abandon() {
        try? FileManager.default.removeItem(atPath: staging)
        AtomicFile.forgetFolder(staging)
        if lock >= 0 { close(lock) }
    }

    /// Where the old folder waits while the new one is put in its place.
    private static func oldPath(_ staging: String) -> String {
        staging.replacingOccurrences(of: ".winnow-new-", with: ".winnow-old-")
    }
}

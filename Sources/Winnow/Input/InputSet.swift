import Foundation

/// One file to read, and the name its output takes.
public struct InputFile: Sendable, Hashable {
    public enum Format: Sendable, Hashable {
        /// One page per file.
        case text
        /// One JSON object per line, a page each.
        case jsonl
        /// An HTML page (`.html`, `.htm`): its text, one block a line, is the page.
        case html
        /// A WARC file (`.warc`): its HTML and text records, a page each.
        case warc
    }

    /// The path to read (`-` for standard input).
    public let path: String
    /// The path relative to its input folder: the output's name.
    public let relativeName: String
    public let format: Format
    /// For a file found in an input folder, the folder as given; ``path`` is
    /// then the folder, a slash and the file's path inside it. The reader
    /// opens such a file relative to its folder: the kernel walks a name or
    /// two, not the whole path, which cost a fifth of the time of reading a
    /// small file.
    var folder: String? = nil
    /// For a file found in an input folder, its path inside the folder: the
    /// name the reader opens it by.
    var nameInFolder: String? = nil
    /// That path's bytes, when they are not UTF-8 (``nameInFolder`` and the
    /// names shown then hold them escaped): what the file is opened by.
    var rawNameInFolder: [UInt8]? = nil
    /// For a file given by a path that is not UTF-8: that path's bytes
    /// (``path`` holds it escaped).
    var rawPath: [UInt8]? = nil
    /// The file is gzip-compressed (its name ends in `.gz`); its output is too.
    public var compressed: Bool { InputSet.hasSuffix(relativeName, ".gz") }

    /// The name of the file `clean` writes for it: its own, but `NAME.txt`
    /// for an HTML page `NAME.html`, and `NAME.jsonl` for a WARC file
    /// `NAME.warc` (`.gz` after either when the input has it).
    public var outputName: String {
        guard format == .html || format == .warc else { return relativeName }
        var name = relativeName
        let gz = compressed
        if gz { name.removeLast(3) }
        if let dot = name.lastIndex(of: ".") { name = String(name[..<dot]) }
        return name + (format == .html ? ".txt" : ".jsonl") + (gz ? ".gz" : "")
    }
}

/// The files named by the command line: files, folders read recursively, and `-`.
public struct InputSet: Sendable {
    /// Files in a fixed order: each input in the order given, folders sorted by path.
    public let files: [InputFile]
    /// The roots as given, for checking the output does not overlap them.
    public let roots: [String]
    /// What in the input folders could not be read: folders that cannot be
    /// opened, names that are not UTF-8, folders reached twice through links.
    public let problems: [Diagnostic]

    /// Resolves `paths`. Folders are read recursively for files matching
    /// `glob` (default `*.txt`); `.jsonl` files (and `.jsonl.gz`) given by name are JSONL.
    public init(paths: [String], glob: String = "*.txt") throws(WinnowError) {
        var files: [InputFile] = []
        var problems: [Diagnostic] = []
        let fm = FileManager.default
        let prefixRoots = paths.count > 1
        for path in paths {
            if path == "-" {
                files.append(InputFile(path: "-", relativeName: "stdin.jsonl", format: .jsonl))
                continue
            }
            var isDirectory: ObjCBool = false
            // A path that is not UTF-8 reached us repaired (U+FFFD): the file
            // is opened by the argument's own bytes, and named escaped.
            if !fm.fileExists(atPath: path), path.unicodeScalars.contains("\u{FFFD}"), let raw = Self.rawArgument(repairedAs: path) {
                let escaped = raw.withUnsafeBufferPointer { Self.escaped(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self)) }
                var info = stat()
                let isFile = raw.withUnsafeBufferPointer { stat(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), &info) } == 0
                    && info.st_mode & S_IFMT == S_IFREG
                guard isFile else { throw .cannotRead(escaped, reason: "a path that is not UTF-8 is read only as a file") }
                let name = (escaped as NSString).lastPathComponent
                files.append(InputFile(path: escaped, relativeName: name, format: Self.format(of: name), rawPath: Array(raw.dropLast())))
                problems.append(Diagnostic(.warning, PageOrigin(path: escaped), "file name is not UTF-8: read, and named as here"))
                continue
            }
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                // A broken link exists but does not resolve.
                if (try? fm.destinationOfSymbolicLink(atPath: path)) != nil {
                    throw .cannotRead(path, reason: "broken symbolic link")
                }
                throw .inputNotFound(path)
            }
            let rootName = URL(fileURLWithPath: path).standardized.lastPathComponent
            if isDirectory.boolValue {
                let (found, walkProblems) = Self.walk(path, glob: glob)
                problems += walkProblems
                files.reserveCapacity(files.count + found.count)
                for (relative, raw) in found {
                    let name = prefixRoots ? rootName + "/" + relative : relative
                    files.append(InputFile(path: Self.joined(path, relative), relativeName: name, format: Self.format(of: relative),
                                           folder: path, nameInFolder: relative, rawNameInFolder: raw))
                }
            } else {
                files.append(InputFile(path: path, relativeName: rootName, format: Self.format(of: path)))
            }
        }
        self.files = files
        self.problems = problems
        self.roots = paths.filter { $0 != "-" }
    }

    /// A set of given files (a distributed stage's shard of a listed set).
    init(files: [InputFile], roots: [String] = []) {
        self.files = files
        self.roots = roots
        problems = []
    }

    /// JSONL for `.jsonl` and `.ndjson`, compressed (`.gz`) or not; text otherwise.
    static func format(of path: String) -> InputFile.Format {
        let gz = hasSuffix(path, ".gz") ? 3 : 0
        if hasSuffix(path, ".jsonl", droppingLast: gz) || hasSuffix(path, ".ndjson", droppingLast: gz) { return .jsonl }
        if hasSuffix(path, ".html", droppingLast: gz) || hasSuffix(path, ".htm", droppingLast: gz) { return .html }
        if hasSuffix(path, ".warc", droppingLast: gz) { return .warc }
        return .text
    }

    /// Whether `name`, without its last `droppingLast` bytes, ends with the
    /// bytes of `suffix`. Byte by byte: `String.hasSuffix` compares
    /// characters, and listing a folder of 23,000 pages asked it four times a file.
    static func hasSuffix(_ name: String, _ suffix: StaticString, droppingLast: Int = 0) -> Bool {
        let bytes = name.utf8
        let count = suffix.utf8CodeUnitCount
        guard bytes.count >= count + droppingLast else { return false }
        let tail = bytes.dropLast(droppingLast).suffix(count)
        return tail.elementsEqual(UnsafeBufferPointer(start: suffix.utf8Start, count: count))
    }

    /// `folder`, a slash and `name`, made in one allocation.
    private static func joined(_ folder: String, _ name: String) -> String {
        var path = ""
        path.reserveCapacity(folder.utf8.count + 1 + name.utf8.count)
        path += folder
        path += "/"
        path += name
        return path
    }

    /// Relative paths of the files under `root` matching `glob`, sorted, and
    /// what could not be read. Hidden names are skipped. A link to a folder
    /// is followed, once: a folder already read (through another link, or a
    /// link back up the tree) is named in a warning instead. Broken links are
    /// kept, so the reader reports them by name. A folder that cannot be
    /// opened and a name that is not UTF-8 are errors naming them. Reads
    /// directories with readdir, whose entry types spare a stat per file.
    private static func walk(_ root: String, glob: String) -> (files: [(String, [UInt8]?)], problems: [Diagnostic]) {
        var found: [String] = []
        var raw: [String: [UInt8]] = [:]  // the bytes of the names that are not UTF-8, by their escaped form
        var problems: [Diagnostic] = []
        var pending = [""]
        var seen = Set<FolderIdentity>()
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? root : root + "/" + relative
            guard let dir = opendir(folder) else {
                problems.append(Diagnostic(.error, PageOrigin(path: folder), "cannot read folder: \(String(cString: strerror(errno)))"))
                continue
            }
            defer { closedir(dir) }
            var info = stat()
            if fstat(dirfd(dir), &info) == 0, !seen.insert(FolderIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted {
                problems.append(Diagnostic(.warning, PageOrigin(path: folder), "folder already read through another path (a link), not read again"))
                continue
            }
            while let entry = readdir(dir) {
                // The name up to its NUL: the entry may end there, before the
                // field's 256 bytes do (the last entry of readdir's buffer).
                let entryName = (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self)
                if entryName[0] == 0x2E { continue }  // hidden, `.` and `..`
                guard let name = String(validatingCString: entryName) else {
                    // A file is read by its bytes, and named escaped; a folder is not walked.
                    let escaped = Self.escaped(entryName)
                    let path = relative.isEmpty ? escaped : relative + "/" + escaped
                    if Int32(entry.pointee.d_type) == Int32(DT_REG) && fnmatch(glob, escaped, 0) == 0 {
                        raw[path] = Array((relative.isEmpty ? "" : relative + "/").utf8)
                            + Array(UnsafeBufferPointer(start: UnsafeRawPointer(entryName).assumingMemoryBound(to: UInt8.self), count: strlen(entryName)))
                        found.append(path)
                        problems.append(Diagnostic(.warning, PageOrigin(path: folder + "/" + escaped), "file name is not UTF-8: read, and named as here"))
                    } else {
                        problems.append(Diagnostic(.error, PageOrigin(path: folder + "/" + escaped), "name is not UTF-8, skipped"))
                    }
                    continue
                }
                let path = relative.isEmpty ? name : relative + "/" + name
                var type = Int32(entry.pointee.d_type)
                if type == Int32(DT_UNKNOWN) {
                    var info = stat()
                    if lstat(root + "/" + path, &info) == 0 {
                        switch info.st_mode & S_IFMT {
                        case S_IFDIR: type = Int32(DT_DIR)
                        case S_IFLNK: type = Int32(DT_LNK)
                        default: type = Int32(DT_REG)
                        }
                    }
                }
                if type == Int32(DT_LNK) {
                    var info = stat()
                    if stat(root + "/" + path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { type = Int32(DT_DIR) }
                }
                if type == Int32(DT_DIR) {
                    pending.append(path)
                    continue
                }
                guard fnmatch(glob, name, 0) == 0 else { continue }
                found.append(path)
            }
        }
        return (sortedBytewise(found).map { ($0, raw[$0]) }, problems)
    }

    /// The bytes (NUL-terminated) of the command-line argument that, decoded
    /// with invalid bytes replaced, reads `repaired`: a path Swift's
    /// `CommandLine.arguments` could not give as it is.
    static func rawArgument(repairedAs repaired: String) -> [UInt8]? {
        for i in 1 ..< Int(CommandLine.argc) {
            guard let argument = CommandLine.unsafeArgv[i], String(validatingCString: argument) == nil,
                  String(cString: argument) == repaired else { continue }
            return Array(UnsafeBufferPointer(start: UnsafeRawPointer(argument).assumingMemoryBound(to: UInt8.self), count: strlen(argument) + 1))
        }
        return nil
    }

    /// A folder's device and inode: the same folder, whatever path reaches it.
    private struct FolderIdentity: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    /// A name's bytes, with those that are not valid UTF-8 written `\xNN`.
    static func escaped(_ name: UnsafePointer<CChar>) -> String {
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(name).assumingMemoryBound(to: UInt8.self), count: strlen(name))
        var out = ""
        var i = 0
        while i < bytes.count {
            let length = TextDecoder.sequenceLength(bytes.baseAddress!, i, bytes.count)
            if length == 0 {
                let hex = String(bytes[i], radix: 16, uppercase: true)
                out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
                i += 1
            } else {
                out += String(decoding: bytes[i ..< i + length], as: UTF8.self)
                i += length
            }
        }
        return out
    }

    /// `paths` in the byte order of their UTF-8 (the order `ls` gives under
    /// the C locale). Each path's first 8 bytes, as a big-endian number, decide
    /// most comparisons; only paths that share them are compared whole.
    /// Comparing the UTF-8 views element by element took 17 ms for a folder
    /// of 23,000 pages, memcmp 8, the prefixes about 3.
    static func sortedBytewise(_ paths: [String]) -> [String] {
        func prefix(_ path: String) -> UInt64 {
            var key: UInt64 = 0
            var n = 0
            for byte in path.utf8 {
                key = key << 8 | UInt64(byte)
                n += 1
                if n == 8 { break }
            }
            return key << (8 * UInt64(8 - n))  // shorter paths pad with zeros, as shorter sort first
        }
        var keyed = paths.indices.map { (prefix: prefix(paths[$0]), index: $0) }
        keyed.sort { a, b in
            a.prefix != b.prefix ? a.prefix < b.prefix : paths[a.index].utf8.lexicographicallyPrecedes(paths[b.index].utf8)
        }
        return keyed.map { paths[$0.index] }
    }

    /// Throws if `output` is one of the input folders, inside one, or holds an input.
    public func checkOutput(_ output: String) throws(WinnowError) {
        try Self.checkOutput(output, against: roots)
    }

    /// Refuses an output that is one of `roots`, inside one, or holds one:
    /// checked before any work, so that no input is ever written.
    public static func checkOutput(_ output: String, against roots: [String]) throws(WinnowError) {
        guard output != "-" else { return }
        let out = canonical(output)
        for root in roots where root != "-" {
            let input = canonical(root)
            if out == input || out.hasPrefix(input + "/") || input.hasPrefix(out + "/") {
                throw .outputInsideInput(output: output, input: root)
            }
        }
    }

    /// Refuses two files that would be written to one output name (two
    /// inputs `a/p.txt` and `b/p.txt` given by name are both `p.txt`).
    public func checkDistinctOutputNames() throws(WinnowError) {
        var first: [String: String] = [:]
        for file in files {
            if let earlier = first.updateValue(file.path, forKey: file.outputName) {
                throw .sameOutputName(file.outputName, first: earlier, second: file.path)
            }
        }
    }

    /// An absolute path with links resolved as far as the path exists.
    static func canonical(_ path: String) -> String {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var tail: [String] = []
        while !FileManager.default.fileExists(atPath: url.path), url.path != "/" {
            tail.insert(url.lastPathComponent, at: 0)
            url.deleteLastPathComponent()
        }
        var resolved = url.resolvingSymlinksInPath().path
        for part in tail { resolved += (resolved.hasSuffix("/") ? "" : "/") + part }
        return resolved
    }
}

import Foundation

/// What to read from JSONL records.
public struct ReadOptions: Sendable {
    /// The field holding the page text.
    public var textField = "text"
    /// The field holding the page id; without it, the record's line number.
    public var idField = "id"
    /// The field holding the page as HTML, when records hold HTML: the page
    /// is the text of its markup (``HTMLText``), and `clean` writes the
    /// cleaned text to ``textField`` (replacing or adding it), the HTML kept.
    public var htmlField: String?
    /// Worker threads for decoding and hashing.
    public var threads = Parallel.defaultThreads
    /// Stop at the first input that cannot be read.
    public var strict = false
    /// Where to show how far reading has got.
    package var progress: ProgressMeter?
    /// Let go of what a job that needs the text of few pages no longer
    /// needs once each page is analysed and visited: the text of each text
    /// file (see ``Page/text``), and JSONL records (``Corpus/records``).
    var releasesText = false
    /// Where pages put their word hashes, once visited, when the pages hold
    /// more than its budget (a job that reads them again for few stages: `dups`).
    var spill: TokenSpill?

    public init() {}
}

/// A JSONL record, kept so its other fields can be written back untouched.
struct SourceRecord: Sendable {
    /// The record's line, as read.
    var line: [UInt8]
    /// Where the text field's value lies in ``line``: where the cleaned text goes.
    var textValue: Range<Int>
    /// For a record read from its HTML without a text field: the name of the
    /// field the cleaned text is added as (``textValue`` is then empty, at
    /// the record's closing brace).
    var addsField: String? = nil
}

/// The pages of a dump, in input order, with what went wrong reading it.
public struct Corpus: Sendable {
    public let inputs: InputSet
    public private(set) var pages: [Page]
    /// For each page, the index of its file in ``InputSet/files``.
    public private(set) var fileIndex: [Int]
    /// Problems met while reading; the pages concerned are left out.
    public private(set) var diagnostics: [Diagnostic]
    /// The JSONL record behind each page (nil for text files).
    var records: [SourceRecord?]
    /// The lines of each JSONL file (by its index) that gave no page, as they were.
    var passedOver: [Int: [PassedOverLine]] = [:]

    /// Reads every input. Unreadable files and bad records become diagnostics.
    public init(inputs: InputSet, options: ReadOptions = ReadOptions()) {
        var visits: [Void?] = []
        self.init(inputs: inputs, options: options, visit: nil, visits: &visits)
    }

    /// Reads every input, and calls `visit` with each page as soon as it is
    /// analysed, on the thread that analysed it, while its text and hashes
    /// are still in the cache: work on one page that needs nothing from the
    /// others costs less there than in a later pass over the whole dump.
    /// `visits` gets the results, one per page, nil for a page that is a
    /// copy of an earlier file's (it shares that page's text and hashes).
    init<Visit>(inputs: InputSet, options: ReadOptions, visit: ((Page) -> Visit)?, visits: inout [Visit?]) {
        self.inputs = inputs
        var clock = StageClock()
        // File sizes only when progress is shown: it tells MB/s and the time left.
        let sizes: [Int] = options.progress == nil ? [] : inputs.files.map { file in
            var info = stat()
            return stat(file.path, &info) == 0 ? Int(info.st_size) : 0
        }
        // Each text file is read and analysed in one go, so that its buffer
        // is reused for the next file's.
        options.progress?.begin("reading", total: inputs.files.count, unit: "files", totalBytes: sizes.reduce(0, +))
        let folders = InputFolders(inputs.files)
        let identical = IdenticalFiles(files: inputs.files.count)
        var perFile = Parallel.map(inputs.files.count, threads: options.threads, worker: LineAnalyzer.init) { analyzer, index in
            guard inputs.files[index].format != .jsonl && inputs.files[index].format != .warc else { return FilePages<Visit>() }  // below
            defer { options.progress?.advance(1, bytes: sizes.isEmpty ? 0 : sizes[index]) }
            return Self.readText(index, of: inputs.files, folders: folders, identical: identical,
                                 analyzer: analyzer, visit: visit, release: options.releasesText, spill: options.spill)
        }
        clock.mark("  read and analyse")
        // JSONL files one at a time, each on all threads (a dump is often one
        // file), with no more than one file's bytes held.
        var passedOver: [Int: [PassedOverLine]] = [:]
        // A WARC file's pages are read as the JSONL of its records (``WARCReader``).
        for index in inputs.files.indices where inputs.files[index].format == .jsonl || inputs.files[index].format == .warc {
            defer { options.progress?.advance(1) }
            let file = inputs.files[index]
            switch Self.contents(of: file, folders: folders) {
            case .bytes(let data, _):
                var warc: WARCReader.Pages?
                var jsonlOptions = options
                if file.format == .warc {
                    warc = WARCReader.read(data, path: file.path, threads: options.threads)
                    (jsonlOptions.textField, jsonlOptions.idField) = ("text", "id")
                }
                var records = JSONLReader.read(warc?.jsonl ?? data, file: file, options: jsonlOptions, visit: visit,
                                               shownBytes: sizes.isEmpty ? 0 : sizes[index], markup: warc?.markup)
                if let warc {
                    records.diagnostics = warc.diagnostics + records.diagnostics
                    if warc.pages == 0 && warc.diagnostics.isEmpty {
                        records.diagnostics.append(Diagnostic(.warning, PageOrigin(path: file.path),
                                                              "no HTML or text records among its \(warc.otherRecords) records"))
                    }
                }
                perFile[index] = FilePages(records.pages, visits: records.visits, records.diagnostics)
                if !records.passedOver.isEmpty { passedOver[index] = records.passedOver }
            case .failed(let diagnostic):
                perFile[index] = FilePages([], [diagnostic], visit: nil)
            }
        }
        clock.mark("  JSONL")
        // A file with the bytes of one read before it shares that file's page.
        for index in perFile.indices {
            guard let (earlier, size) = perFile[index].copy else { continue }
            let file = inputs.files[index]
            let origin = PageOrigin(path: file.path)
            if let page = perFile[earlier].one?.page {
                let copy = page.copy(id: file.relativeName, origin: origin)
                perFile[index] = FilePages([(copy, nil)], Self.textWarnings(copy, origin: origin, size: size), visit: nil)
            } else {  // never (the earlier file was analysed into one page): read it on its own, text kept
                perFile[index] = Self.readText(index, of: inputs.files, folders: folders, identical: IdenticalFiles(files: 1),
                                               analyzer: LineAnalyzer(), visit: nil, release: false, spill: nil)
            }
        }
        var pages: [Page] = []
        var fileIndex: [Int] = []
        var records: [SourceRecord?] = []
        var diagnostics = inputs.problems
        visits = []
        pages.reserveCapacity(perFile.count)
        records.reserveCapacity(perFile.count)
        fileIndex.reserveCapacity(perFile.count)
        if visit != nil { visits.reserveCapacity(perFile.count) }
        // Each file's results are moved out (swapped, then taken or popped
        // from the end), not copied: a copy of every page and visit, and the
        // release of the originals after, took most of this loop's time.
        for index in perFile.indices {
            var result = FilePages<Visit>()
            swap(&result, &perFile[index])
            if let (page, record, visited) = result.one.take() {
                pages.append(page)
                records.append(record)
                fileIndex.append(index)
                if visit != nil { visits.append(visited) }
            } else {
                result.more.reverse()
                result.moreVisits.reverse()
                while let (page, record) = result.more.popLast() {
                    pages.append(page)
                    records.append(record)
                    fileIndex.append(index)
                    if visit != nil { visits.append(result.moreVisits.popLast() ?? nil) }
                }
            }
            diagnostics += result.diagnostics
        }
        diagnostics += Self.disambiguate(&pages)
        clock.mark("  gather")
        self.pages = pages
        self.fileIndex = fileIndex
        self.records = records
        self.passedOver = passedOver
        self.diagnostics = diagnostics
    }

    /// Reads and analyses text file `index` of `files`, unless it has the
    /// bytes of a file that `identical` already holds: then its page is left
    /// to be shared from that file's (``FilePages/copy``). With `release`,
    /// the page lets go of its text once visited, unless read from standard
    /// input (which cannot be read again).
    private static func readText<Visit>(_ index: Int, of files: [InputFile], folders: InputFolders,
                                        identical: IdenticalFiles, analyzer: LineAnalyzer,
                                        visit: ((Page) -> Visit)?, release: Bool, spill: TokenSpill?) -> FilePages<Visit> {
        let file = files[index]
        let origin = PageOrigin(path: file.path)
        let data: [UInt8], markup: [LineMarkup]?
        switch contents(of: file, folders: folders) {
        case .bytes(let bytes, let lines): (data, markup) = (bytes, lines)
        case .failed(let diagnostic): return FilePages([], [diagnostic], visit: nil)
        }
        if let refusal = textRefusal(data, origin: origin) { return FilePages([], [refusal], visit: nil) }
        let hash = ExactCopies.hash(data)
        var first = false
        if !data.isEmpty {
            if let earlier = identical.claim(hash, file: index, bytes: data) {
                if isCopy(data, of: earlier, files: files, folders: folders) {
                    return FilePages(copyOf: earlier.file, size: data.count)
                }
            } else {
                first = true
            }
        }
        let page = Page(id: file.relativeName, origin: origin, bytes: data, bytesHash: hash, markup: markup, analyzer: analyzer)
        let pages = FilePages<Visit>([(page, nil)], textWarnings(page, origin: origin, size: data.count), visit: visit)
        if release && file.path != "-" { page.releaseText() }
        if let spill { page.spillTokens(to: spill) }
        if first { identical.analysed(hash, page: page) }
        return pages
    }

    /// Whether `data` is byte for byte the file `earlier`: compared with its
    /// bytes while it is analysed, then with its page's text where that is
    /// held and is its bytes, else with the file read again.
    private static func isCopy(_ data: [UInt8], of earlier: IdenticalFiles.Earlier, files: [InputFile],
                               folders: InputFolders) -> Bool {
        if let bytes = earlier.bytes { return ExactCopies.same(data, bytes) }
        if let page = earlier.page, page.holdsText, page.invalidSequences == 0, page.textCount == data.count {
            return ExactCopies.same(data, page.text)
        }
        guard case .bytes(let bytes, _) = contents(of: files[earlier.file], folders: folders) else { return false }
        return ExactCopies.same(data, bytes)
    }

    /// Resolves `paths` and reads them; throws when they hold no page at all,
    /// or, with `strict`, at the first error.
    public static func load(_ paths: [String], glob: String, options: ReadOptions) throws(WinnowError) -> Corpus {
        var clock = StageClock()
        // The scalar table, which reading needs, is built while the files are listed.
        let (inputs, _) = try list(paths, glob: glob, threads: options.threads) { _ = ScalarTable.shared }
        clock.mark("find \(inputs.files.count) files")
        return try load(inputs, options: options, visit: Optional<(Page) -> Void>.none).corpus
    }

    /// Lists the files of `paths` on one thread while `alongside` runs on
    /// another (one after the other with one thread). Jobs make their
    /// cleaner here: its cue phrases are analysed with the scalar table,
    /// whose building takes about 10 ms, and listing a folder of 23,000
    /// pages about as long.
    static func list<T>(_ paths: [String], glob: String, threads: Int,
                        alongside: () -> T) throws(WinnowError) -> (inputs: InputSet, made: T) {
        var listed: Result<InputSet, WinnowError>?
        var made: T?
        Parallel.forEach(2, threads: threads, worker: { () }) { _, task in
            if task == 0 {
                listed = Result { () throws(WinnowError) in try InputSet(paths: paths, glob: glob) }
            } else {
                made = alongside()
            }
        }
        return (try listed!.get(), made!)
    }

    static func load<Visit>(_ inputs: InputSet, options: ReadOptions,
                            visit: ((Page) -> Visit)?) throws(WinnowError) -> (corpus: Corpus, visits: [Visit?]) {
        var visits: [Visit?] = []
        let corpus = Corpus(inputs: inputs, options: options, visit: visit, visits: &visits)
        if options.strict, let first = corpus.diagnostics.first(where: { $0.severity == .error }) {
            throw .strict(first)
        }
        if corpus.pages.isEmpty && corpus.diagnostics.isEmpty {
            throw .noInput(inputs.roots + (inputs.files.contains { $0.path == "-" } ? ["standard input"] : []))
        }
        return (corpus, visits)
    }

    /// The bytes of one input file, decompressed. A file of an input folder
    /// that `folders` holds open is opened relative to it.
    static func contents(of file: InputFile, folders: InputFolders? = nil) -> FileContents {
        let origin = PageOrigin(path: file.path)
        var data: [UInt8]
        do {
            data = try readBytes(file.path, in: folders?.descriptor(of: file), raw: file.rawPath)
        } catch {
            // The diagnostic names the file already: the message says only what went wrong.
            if case .cannotRead(_, let reason) = error { return .failed(Diagnostic(.error, origin, "cannot read: \(reason)")) }
            return .failed(Diagnostic(.error, origin, error.description))
        }
        // gzip by name or by its magic bytes (a compressed stream on stdin);
        // a WARC file member by member, as its reader reads it.
        if file.format != .warc && (file.compressed || Gzip.isCompressed(data)) {
            do throws(Gzip.Failure) {
                data = try Gzip.decompress(data)
            } catch {
                return .failed(Diagnostic(.error, origin, error.reason))
            }
        }
        // An HTML page is read as its text (what the cleaner, the hashes and
        // the passages given as evidence all read).
        if file.format == .html {
            if let tooLong = Page.sizeError(data.count) { return .failed(Diagnostic(.error, origin, tooLong)) }
            // HTML in UTF-16 or UTF-32 (by its BOM) holds NUL bytes; other HTML with one is no page.
            if unicodeOtherThanUTF8(data) == nil, let nul = nulOffset(data) {
                return .failed(Diagnostic(.error, origin, "binary file (NUL byte at offset \(nul)), skipped"))
            }
            let html = HTMLText.read(data)
            return .bytes(html.text, markup: html.markup)
        }
        return .bytes(data, markup: nil)
    }

    /// An input file's bytes, or why there are none.
    enum FileContents {
        /// The bytes; for an HTML page, its text and what its markup says of each line.
        case bytes([UInt8], markup: [LineMarkup]?)
        case failed(Diagnostic)
    }

    /// Why a text file's bytes make no page, if they do not: too many, or binary.
    static func textRefusal(_ data: [UInt8], origin: PageOrigin) -> Diagnostic? {
        if let tooLong = Page.sizeError(data.count) { return Diagnostic(.error, origin, tooLong) }
        if let encoding = unicodeOtherThanUTF8(data) {
            return Diagnostic(.error, origin, "\(encoding) text (by its byte order mark), skipped: convert it to UTF-8")
        }
        return nulOffset(data).map { Diagnostic(.error, origin, "binary file (NUL byte at offset \($0)), skipped") }
    }

    /// The offset of the first NUL byte of `data`, if any (memchr: the
    /// generic firstIndex(of:) went a byte at a time).
    static func nulOffset(_ data: [UInt8]) -> Int? {
        data.withUnsafeBytes { raw in
            raw.isEmpty ? nil : memchr(raw.baseAddress!, 0, raw.count).map { UnsafeRawPointer($0) - raw.baseAddress! }
        }
    }

    /// The encoding a UTF-16 or UTF-32 byte order mark names, if `data` starts with one.
    static func unicodeOtherThanUTF8(_ data: [UInt8]) -> String? {
        if data.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return "UTF-32LE" }
        if data.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return "UTF-32BE" }
        if data.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
        if data.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
        return nil
    }

    /// Warnings for a page read without error: replaced bytes, no text.
    static func textWarnings(_ page: Page, origin: PageOrigin, size: Int) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        if page.invalidSequences > 0 {
            warnings.append(Diagnostic(.warning, origin, "replaced \(page.invalidSequences) invalid UTF-8 sequence(s)"))
        }
        if size == 0 {
            warnings.append(Diagnostic(.warning, origin, "empty file"))
        } else if page.blocks.isEmpty {
            warnings.append(Diagnostic(.warning, origin, "no text (only white space)"))
        }
        return warnings
    }

    /// Gives every page a distinct id: a repeated id gets `~2`, `~3`, … and a warning.
    static func disambiguate(_ pages: inout [Page]) -> [Diagnostic] {
        // Ids are nearly always distinct (file paths are): a sort of their
        // hashes shows it in under a millisecond, where the dictionary below
        // took 25 ms for 23,000 pages, with the other core idle.
        var hashes = pages.map { XXH3.hash($0.id, seed: HashSeeds.exactCopy) }
        hashes.sortAndRemoveDuplicates(hashes: true)
        if hashes.count == pages.count { return [] }
        var seen: [String: (count: Int, origin: PageOrigin)] = [:]
        var warnings: [Diagnostic] = []
        for i in pages.indices {
            let id = pages[i].id
            guard let first = seen[id] else {
                seen[id] = (1, pages[i].origin)
                continue
            }
            var n = first.count + 1
            while seen["\(id)~\(n)"] != nil { n += 1 }
            seen[id] = (n, first.origin)
            let renamed = "\(id)~\(n)"
            seen[renamed] = (1, pages[i].origin)
            warnings.append(Diagnostic(.warning, pages[i].origin, "duplicate id '\(id)' (first at \(first.origin)); using '\(renamed)'"))
            pages[i] = pages[i].renamed(renamed)
        }
        return warnings
    }

    /// The whole file, or standard input for `-`, read into one buffer;
    /// with `folder`, the file at `folder.name` in that open folder, `path`
    /// naming it in messages.
    /// With `limit`, reading stops once that many bytes are read (a device
    /// or pipe that never ends).
    static func readBytes(_ path: String, in folder: (descriptor: Int32, name: String, raw: [UInt8]?)? = nil,
                          raw rawPath: [UInt8]? = nil, limit: Int = .max) throws(WinnowError) -> [UInt8] {
        let fd = path == "-" ? STDIN_FILENO
            : folder.map { folder in
                guard let raw = folder.raw else { return openat(folder.descriptor, folder.name, O_RDONLY | O_CLOEXEC) }
                return (raw + [0]).withUnsafeBufferPointer {
                    openat(folder.descriptor, UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_RDONLY | O_CLOEXEC)
                }
            } ?? rawPath.map { raw in
                (raw + [0]).withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_RDONLY | O_CLOEXEC) }
            } ?? open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotRead(path, reason: openFailure(path, errno: errno)) }
        defer { if fd != STDIN_FILENO { close(fd) } }
        var info = stat()
        let expected = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : 0
        if (info.st_mode & S_IFMT) == S_IFDIR { throw .cannotRead(path, reason: "is a folder") }
        // Regular files: one buffer of the file's size, filled in place; then
        // whatever else there is (a pipe, a file still growing) in chunks.
        var failure: Int32 = 0
        func fill(_ buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
            var filled = 0
            while filled < buffer.count {
                let n = Glibc.read(fd, buffer.baseAddress! + filled, buffer.count - filled)
                if n > 0 { filled += n } else if n < 0 && errno == EINTR { continue } else {
                    if n < 0 { failure = errno }
                    break
                }
            }
            return filled
        }
        var bytes = expected == 0 ? [] : [UInt8](unsafeUninitializedCapacity: expected) { $1 = fill($0) }
        // A regular file that filled its size is usually done: probe with one
        // byte before setting up a chunk (zeroing 64 KB a file cost 5% of a run).
        var probe: UInt8 = 0
        if failure == 0, expected > 0, bytes.count == expected {
            let n = withUnsafeMutablePointer(to: &probe) { fill(UnsafeMutableBufferPointer(start: $0, count: 1)) }
            if n == 0 { return bytes }
            bytes.append(probe)
        }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while failure == 0 && bytes.count < limit {
            let n = chunk.withUnsafeMutableBufferPointer { fill($0) }
            if n == 0 { break }
            bytes += chunk[..<n]
        }
        if failure != 0 { throw .cannotRead(path, reason: String(cString: strerror(failure))) }
        return bytes
    }

    private static func openFailure(_ path: String, errno code: Int32) -> String {
        switch code {
        case ENOENT:
            let fm = FileManager.default
            return (try? fm.destinationOfSymbolicLink(atPath: path)) != nil ? "broken symbolic link" : "no such file"
        case EACCES: return "permission denied"
        default: return String(cString: strerror(code))
        }
    }
}

/// The input folders of a dump, held open while its files are read, so that
/// each file is opened relative to its folder.
final class InputFolders: Sendable {
    private let descriptors: [String: Int32]

    init(_ files: [InputFile]) {
        var descriptors: [String: Int32] = [:]
        // A folder's files come one after another: each is compared with the
        // last one's folder, not hashed (23,000 hashes of a path took 3 ms).
        var folders: [String] = []
        for file in files {
            if let folder = file.folder, folder != folders.last { folders.append(folder) }
        }
        for folder in Set(folders) {
            let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if fd >= 0 { descriptors[folder] = fd }  // otherwise its files are opened by path, and fail there
        }
        self.descriptors = descriptors
    }

    deinit { for fd in descriptors.values { close(fd) } }

    /// The open folder of `file` and its path there; nil to open it by its path.
    func descriptor(of file: InputFile) -> (descriptor: Int32, name: String, raw: [UInt8]?)? {
        guard let folder = file.folder, let name = file.nameInFolder, let fd = descriptors[folder] else { return nil }
        return (fd, name, file.rawNameInFolder)
    }
}

/// One file's pages, with its diagnostics and its pages' visits. A file of
/// one page (a text file: nearly every file of a dump) holds it inline, so
/// gathering a dump's pages allocates and frees no array per file.
private struct FilePages<Visit> {
    var one: (page: Page, record: SourceRecord?, visit: Visit?)?
    var more: [(Page, SourceRecord?)] = []
    var moreVisits: [Visit?] = []
    var diagnostics: [Diagnostic] = []
    /// For a text file with the bytes of an earlier one, that file's index
    /// and the size: its page is made from that file's, once all are read.
    var copy: (of: Int, size: Int)?

    /// No pages.
    init() {}

    /// A file with the bytes of file `earlier`, `size` of them.
    init(copyOf earlier: Int, size: Int) { copy = (earlier, size) }

    /// `pages` and `diagnostics`, and the pages' visits when `visit` is given.
    init(_ pages: [(Page, SourceRecord?)], _ diagnostics: [Diagnostic], visit: ((Page) -> Visit)?) {
        self.init(pages, visits: visit.map { visit in pages.map { visit($0.0) } } ?? [], diagnostics)
    }

    /// `pages` with their `visits` (one each, or none at all) and `diagnostics`.
    init(_ pages: [(Page, SourceRecord?)], visits: [Visit?], _ diagnostics: [Diagnostic]) {
        if pages.count == 1 {
            one = (pages[0].0, pages[0].1, visits.first ?? nil)
        } else {
            more = pages
            moreVisits = visits
        }
        self.diagnostics = diagnostics
    }
}

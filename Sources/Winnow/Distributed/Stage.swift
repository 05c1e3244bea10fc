import Foundation

/// `clean` as stages a cluster runs (`spark/winnow_spark.py`, `winnow stage
/// NAME`): each reads JSON lines and writes JSON lines, so that the cluster
/// does the grouping by key and by page between them, and the cleaned files
/// are byte for byte those one machine writes.
///
/// 1. ``list(_:glob:output:)`` the input files, in one machine's order.
/// 2. ``prepare(_:options:)`` a shard of files: each page's in-page rules,
///    as a ``PageSummary``. Pages with the same text (hash and length) are
///    cleaned as the first; the others leave the next steps.
/// 3. ``occurrences(_:)`` of every key; grouped by key, ``facts(_:)``,
///    sent to each page holding the key.
/// 4. ``teasers(_:)``: each page with its keys' facts: its copies, teasers
///    and tails (``KeyedCrossPage``).
/// 5. Each key's pages and whether they keep it, grouped by key:
///    ``kept(_:limit:)``, sent to each page holding it; ``templates(_:pageCount:)``.
/// 6. ``write(_:staging:target:options:cleaner:markdown:)`` a shard of files
///    with their pages' decisions, into the output folder ``beginOutput(_:)``
///    made; ``commitOutput(staging:target:)`` puts it in place.
package enum Stage {
    /// A file as stages pass it: an ``InputFile`` and its index in the list.
    struct FileRecord: Codable, Sendable {
        var index: Int
        var path: String
        var relativeName: String
        var format: String
        var folder: String?
        var nameInFolder: String?
        var rawNameInFolder: [UInt8]?
        var rawPath: [UInt8]?

        init(_ file: InputFile, index: Int) {
            self.index = index
            path = file.path
            relativeName = file.relativeName
            format = switch file.format {
            case .text: "text"
            case .jsonl: "jsonl"
            case .html: "html"
            case .warc: "warc"
            }
            folder = file.folder
            nameInFolder = file.nameInFolder
            rawNameInFolder = file.rawNameInFolder
            rawPath = file.rawPath
        }

        var file: InputFile {
            let kind: InputFile.Format = switch format {
            case "jsonl": .jsonl
            case "html": .html
            case "warc": .warc
            default: .text
            }
            return InputFile(path: path, relativeName: relativeName, format: kind, folder: folder, nameInFolder: nameInFolder,
                             rawNameInFolder: rawNameInFolder, rawPath: rawPath)
        }
    }

    /// A problem met by a stage, as a line of its output (`{"diagnostic": …}`).
    struct DiagnosticLine: Codable {
        var diagnostic: String
        var error: Bool
    }

    private static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(value), as: UTF8.self)
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ line: Substring, stage: String) throws(WinnowError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(line.utf8))
        } catch {
            throw .stage(stage, "cannot read a line of its input (\(line.prefix(80))…): \(error)")
        }
    }

    /// Splits `key\tjson` lines.
    private static func keyed(_ line: Substring, stage: String) throws(WinnowError) -> (key: Substring, value: Substring) {
        guard let tab = line.firstIndex(of: "\t") else { throw .stage(stage, "a line of its input has no key: \(line.prefix(80))") }
        return (line[..<tab], line[line.index(after: tab)...])
    }

    // MARK: - 1. list

    /// The input files, a line each, after the checks `clean` makes before
    /// any work (the output is no input, no two inputs share an output name).
    package static func list(_ paths: [String], glob: String, output: String?) throws(WinnowError) -> [String] {
        let set = try InputSet(paths: paths, glob: glob)
        if let output {
            try set.checkOutput(output)
            try set.checkDistinctOutputNames()
        }
        return set.problems.map { encode(DiagnosticLine(diagnostic: $0.description, error: $0.severity == .error)) }
            + set.files.enumerated().map { encode(FileRecord($1, index: $0)) }
    }

    // MARK: - 2. prepare

    /// Reads a shard of files (``FileRecord`` lines) and runs the in-page
    /// rules on each page: a ``PageSummary`` line each, and a diagnostic
    /// line for each problem met.
    package static func prepare(_ lines: [Substring], options: ReadOptions, cleaner: CleanerOptions) throws(WinnowError) -> [String] {
        let records = try lines.map { line throws(WinnowError) in try decode(FileRecord.self, line, stage: "prepare") }
        let (corpus, cleaner) = readShard(records, options: options, cleaner: cleaner)
        let summaries = Parallel.map(corpus.pages.count, threads: options.threads) { i in
            let page = corpus.pages[i]
            let order = PageOrder(file: records[corpus.fileIndex[i]].index, line: page.origin.line ?? 0)
            return encode(PageSummary(cleaner.prepare(page).state, order: order))
        }
        return corpus.diagnostics.map { encode(DiagnosticLine(diagnostic: $0.description, error: $0.severity == .error)) } + summaries
    }

    private static func readShard(_ records: [FileRecord], options: ReadOptions, cleaner: CleanerOptions) -> (Corpus, Cleaner) {
        let set = InputSet(files: records.map(\.file))
        var visits: [Void?] = []
        let corpus = Corpus(inputs: set, options: options, visit: nil, visits: &visits)
        return (corpus, Cleaner(options: cleaner))
    }

    // MARK: - 3. keys

    /// Each block of each page (``PageSummary`` lines) as `key\toccurrence`.
    package static func occurrences(_ lines: [Substring]) throws(WinnowError) -> [String] {
        var out: [String] = []
        for line in lines {
            let page = try decode(PageSummary.self, line, stage: "occurrences")
            for (key, occurrence) in KeyedCrossPage.occurrences(of: page) { out.append("\(key)\t" + encode(occurrence)) }
        }
        return out
    }

    /// One key's group: the key and its occurrences.
    struct KeyGroup: Codable {
        var key: UInt64
        var occurrences: [KeyOccurrence]
    }

    /// Each key's facts (from ``KeyGroup`` lines), as `order\tfacts` for each page holding it.
    package static func facts(_ lines: [Substring]) throws(WinnowError) -> [String] {
        var out: [String] = []
        for line in lines {
            let group = try decode(KeyGroup.self, line, stage: "facts")
            let facts = encode(KeyedCrossPage.facts(key: group.key, group.occurrences))
            for order in Set(group.occurrences.map(\.order)).sorted() { out.append("\(order)\t" + facts) }
        }
        return out
    }

    // MARK: - 4. teasers

    /// A page with the facts of its keys.
    struct PageWithFacts: Codable {
        var page: PageSummary
        var facts: [KeyFacts]
    }

    /// Each page's copies, teasers and tails (from ``PageWithFacts`` lines): a ``TeaserResult`` line each.
    package static func teasers(_ lines: [Substring]) throws(WinnowError) -> [String] {
        try lines.map { line throws(WinnowError) in
            let input = try decode(PageWithFacts.self, line, stage: "teasers")
            let facts = Dictionary(input.facts.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
            guard input.page.keys.allSatisfy({ facts[$0] != nil }) else {
                throw .stage("teasers", "page \(input.page.id) came without the facts of all its keys")
            }
            return encode(KeyedCrossPage.teasers(input.page, facts: facts))
        }
    }

    // MARK: - 5. templates

    /// One key's pages after the teasers: each page holding it, and whether it keeps it.
    struct KeptGroup: Codable {
        var key: UInt64
        var holders: [[Int64]]  // [order, 1 if it keeps the key]
    }

    /// Each key's kept facts (from ``KeptGroup`` lines), as `order\tfacts`
    /// for each page holding it; `limit` pages named.
    package static func kept(_ lines: [Substring], limit: Int) throws(WinnowError) -> [String] {
        var out: [String] = []
        for line in lines {
            let group = try decode(KeptGroup.self, line, stage: "kept")
            let holders = group.holders.map { (order: $0[0], keeps: $0.count > 1 && $0[1] != 0) }
            let facts = encode(KeyedCrossPage.keptFacts(key: group.key, holders, limit: limit))
            for order in Set(holders.map(\.order)).sorted() { out.append("\(order)\t" + facts) }
        }
        return out
    }

    /// A page with its teasers and its keys' kept facts.
    struct PageWithKept: Codable {
        var page: PageSummary
        var teasers: TeaserResult
        var kept: [KeptFacts]
    }

    /// A page's decisions, all of them, with the hash of the text they were
    /// made for (the stages that read the page again check it).
    struct PageDecisions: Codable {
        var order: PageOrder
        var textHash: UInt64?
        var decisions: [CrossPageDecision]
    }

    /// Each page's cross-page decisions (from ``PageWithKept`` lines), teasers then templates.
    package static func templates(_ lines: [Substring], pageCount: Int) throws(WinnowError) -> [String] {
        try lines.map { line throws(WinnowError) in
            let input = try decode(PageWithKept.self, line, stage: "templates")
            let kept = Dictionary(input.kept.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
            guard input.page.keys.allSatisfy({ kept[$0] != nil }) else {
                throw .stage("templates", "page \(input.page.id) came without the kept facts of all its keys")
            }
            let templates = KeyedCrossPage.templates(input.page, input.teasers, kept: kept, pageCount: pageCount)
            return encode(PageDecisions(order: input.page.order, textHash: input.page.textHash,
                                        decisions: input.teasers.decisions + templates))
        }
    }

    // MARK: - dups

    /// A page's cleaned pages' documents, read from a shard of files with
    /// their pages' decisions: each page's in-page rules again, then its
    /// cross-page decisions, as `dups` cleans it. Pages read from HTML or
    /// WARC hold their text (the passages of a pair are read from it).
    private static func documents(of inputs: [FileWithDecisions], options: ReadOptions, cleaner: CleanerOptions,
                                  stage: String) throws(WinnowError) -> (orders: [PageOrder], documents: [DuplicateDocument], diagnostics: [Diagnostic]) {
        let (corpus, orders, cleaned) = try cleanShard(inputs, options: options, cleaner: cleaner, stage: stage)
        let documents = Parallel.map(cleaned.count, threads: options.threads) { DuplicateDocument(cleaned[$0]) }
        return (orders, documents, corpus.diagnostics)
    }

    /// Reads a shard of files and cleans each page: its in-page rules again,
    /// then its cross-page decisions. A page whose text is not the one the
    /// decisions were made for (its file changed while the job ran) is an
    /// error naming it: its decisions name blocks of another text.
    private static func cleanShard(_ inputs: [FileWithDecisions], options: ReadOptions, cleaner: CleanerOptions,
                                   stage: String) throws(WinnowError) -> (corpus: Corpus, orders: [PageOrder], cleaned: [CleanedPage]) {
        let (corpus, cleaner) = readShard(inputs.map(\.file), options: options, cleaner: cleaner)
        var decisions: [PageOrder: PageDecisions] = [:]
        for file in inputs { for page in file.pages { decisions[page.order] = page } }
        let orders = corpus.pages.indices.map { i in
            PageOrder(file: inputs[corpus.fileIndex[i]].file.index, line: corpus.pages[i].origin.line ?? 0)
        }
        for (i, page) in corpus.pages.enumerated() {
            guard let made = decisions[orders[i]] else { continue }
            if let hash = made.textHash, hash != page.textHash {
                throw .stage(stage, "\(page.origin): changed while the job ran (its text is not the one its pages were judged on): run the job again")
            }
            if let block = made.decisions.map(\.block).max(), Int(block) >= page.blocks.count {
                throw .stage(stage, "\(page.origin): a decision names block \(block) of a page of \(page.blocks.count) blocks")
            }
        }
        let cleaned = Parallel.map(corpus.pages.count, threads: options.threads) { i in
            var state = cleaner.prepare(corpus.pages[i]).state
            KeyedCrossPage.apply(decisions[orders[i]]?.decisions ?? [], to: &state)
            state.releaseRuleData()
            return CleanedPage(page: state.page, removals: state.removals, head: state.head.map(Int32.init))
        }
        return (corpus, orders, cleaned)
    }

    /// What `dups` groups a document by.
    struct DocumentIdentity: Codable {
        var order: PageOrder
        var id: String
        /// The hash of its words (nil without words), for identical copies.
        var words: UInt64?
        /// Its LSH band keys (none without shingles).
        var bands: [UInt64]
    }

    /// Each page's document identity (from ``FileWithDecisions`` lines).
    package static func sign(_ lines: [Substring], options: ReadOptions, cleaner: CleanerOptions,
                             duplicates: DuplicateOptions) throws(WinnowError) -> [String] {
        let inputs = try lines.map { line throws(WinnowError) in try decode(FileWithDecisions.self, line, stage: "sign") }
        let (orders, documents, diagnostics) = try Self.documents(of: inputs, options: options, cleaner: cleaner, stage: "sign")
        let finder = DuplicateFinder(options: duplicates)
        let identities = Parallel.map(documents.count, threads: options.threads) { i in
            let (words, bands) = finder.identity(of: documents[i])
            return encode(DocumentIdentity(order: orders[i], id: documents[i].id, words: words, bands: bands))
        }
        return diagnostics.map { encode(DiagnosticLine(diagnostic: $0.description, error: $0.severity == .error)) } + identities
    }

    /// A pair to verify: its two pages' files and decisions; `identical`
    /// for an identical copy (`a`) and the document standing for it (`b`).
    struct PairToVerify: Codable {
        var a: FileWithDecisions
        var b: FileWithDecisions
        var identical: Bool
    }

    /// Each pair verified (from ``PairToVerify`` lines), a ``DuplicatePair``
    /// line each that reaches the threshold (every identical copy's does).
    package static func verify(_ lines: [Substring], options: ReadOptions, cleaner: CleanerOptions,
                               duplicates: DuplicateOptions) throws(WinnowError) -> [String] {
        let pairs = try lines.map { line throws(WinnowError) in try decode(PairToVerify.self, line, stage: "verify") }
        // Each file once: its pages' decisions gathered from every pair naming it.
        var files: [Int: FileRecord] = [:]
        var pages: [Int: [PageOrder: PageDecisions]] = [:]
        for pair in pairs {
            for side in [pair.a, pair.b] {
                files[side.file.index] = side.file
                for page in side.pages { pages[side.file.index, default: [:]][page.order] = page }
            }
        }
        let inputs = files.sorted { $0.key < $1.key }.map { index, file in
            FileWithDecisions(file: file, pages: pages[index, default: [:]].values.sorted { $0.order < $1.order })
        }
        let (orders, documents, _) = try Self.documents(of: inputs, options: options, cleaner: cleaner, stage: "verify")
        var byOrder: [PageOrder: DuplicateDocument] = [:]
        for (order, document) in zip(orders, documents) { byOrder[order] = document }
        let finder = DuplicateFinder(options: duplicates)
        let found = try pairs.map { pair throws(WinnowError) -> DuplicatePair? in
            guard let x = pair.a.pages.first.flatMap({ byOrder[$0.order] }), let y = pair.b.pages.first.flatMap({ byOrder[$0.order] }) else {
                throw .stage("verify", "a pair names a page its file does not hold")
            }
            return pair.identical ? finder.identicalPair(x, y) : finder.verifiedPair(x, y)
        }
        return found.compactMap { $0 }.map(encode)
    }

    /// The clusters of the verified pairs (``DuplicatePair`` lines), written
    /// to `output` (`-`: standard output) as `winnow dups` writes its report.
    /// `inputs`, the inputs as given: the report never lands on one.
    package static func report(_ lines: [Substring], inputs: [String], output: String, format: String, read: ReadOptions,
                               cleaner: CleanerOptions, duplicates: DuplicateOptions, glob: String) throws(WinnowError) {
        if output != "-" { try InputSet.checkOutput(output, against: inputs) }
        let pairs = try lines.map { line throws(WinnowError) in try decode(DuplicatePair.self, line, stage: "report") }
        let settings = DupsJob.reportSettings(read: read, cleaner: cleaner, duplicates: duplicates, raw: false, glob: glob)
        let report = DuplicateReport(clusters: DuplicateFinder.clusters(of: pairs), header: ReportHeader(settings: settings))
        let bytes: [UInt8] = switch format {
        case "json": report.json(threads: read.threads)
        case "csv": report.csv()
        default: Array(report.text().utf8)
        }
        try AtomicFile.writeOrPrint(bytes, to: output)
    }

    // MARK: - 6. write

    /// A file with its pages' decisions.
    struct FileWithDecisions: Codable {
        var file: FileRecord
        var pages: [PageDecisions]
    }

    /// Makes the folder the shards write into, beside `target`, after the
    /// checks `clean` makes (a folder of files winnow did not write is refused).
    package static func beginOutput(_ target: String) throws(WinnowError) -> String {
        try OutputFolder.begin(target).staging
    }

    /// Puts the folder the shards wrote in `target`'s place.
    package static func commitOutput(staging: String, target: String) throws(WinnowError) {
        try OutputFolder.adopting(staging: staging, target: target).commit()
    }

    /// Cleans a shard of files (``FileWithDecisions`` lines): each page's
    /// in-page rules again, then its cross-page decisions, and writes each
    /// file's output into `staging` as `clean` writes it. A diagnostic line
    /// for each problem met.
    package static func write(_ lines: [Substring], staging: String, target: String, options: ReadOptions,
                              cleaner: CleanerOptions, markdown: Bool) throws(WinnowError) -> [String] {
        let inputs = try lines.map { line throws(WinnowError) in try decode(FileWithDecisions.self, line, stage: "write") }
        let (corpus, _, cleaned) = try cleanShard(inputs, options: options, cleaner: cleaner, stage: "write")
        // As `clean` writes them (``CleanJob/outputs``), into the folder the shards share.
        let folder = OutputFolder.adopting(staging: staging, target: target)
        let (pages, jsonl) = CleanJob.outputs(corpus, cleaned, markdown: markdown)
        let files = pages.map { (file: corpus.fileIndex[$0], bytes: markdown ? cleaned[$0].markdown : cleaned[$0].text) } + jsonl
        for (index, bytes) in files {
            let file = corpus.inputs.files[index]
            try folder.makeFolders(for: [file.outputName])
            try CleanJob.write(bytes, for: file, into: folder)
        }
        return corpus.diagnostics.map { encode(DiagnosticLine(diagnostic: $0.description, error: $0.severity == .error)) }
    }
}

/// One run's use of the archive (`--index FILE`): opened before any work
/// (its settings checked), asked for the evidence and the duplicate
/// candidates of this run's pages, and given this run's pages at the end.
struct ArchiveSession {
    let archive: Archive
    /// Computes the band keys pages are filed under (the run's duplicate settings).
    let finder: DuplicateFinder

    /// The version of what the archive stores and how: raise it when that
    /// changes, and archives made before are refused, naming it. (Word hashes
    /// compressed with zlib took a third less room, but compressing a day's
    /// took a quarter of the run.)
    static let format = "1"

    /// The most archived pages read as evidence for one block key: enough to
    /// show a template or a teaser, whatever the archive holds.
    static let evidencePerKey = 3

    init(path: String, cleaner: CleanerOptions, duplicates: DuplicateOptions) throws(WinnowError) {
        finder = DuplicateFinder(options: duplicates)
        let banding = finder.banding
        // What the stored keys and hashes depend on.
        let settings = Archive.Settings(values: [
            "--shingle-size": String(duplicates.shingleSize),
            "MinHash slots": String(duplicates.permutations),
            "LSH banding (from --threshold)": "\(banding.bands)x\(banding.rows)",
            "hash version": HashSeeds.version,
            "archive format": Self.format,
            "cue phrases": (cleaner.builtinCues ? ["built-in"] : []).joined() + cleaner.cueFiles.map { "," + $0 }.joined(),
        ])
        archive = try Archive(path: path, settings: settings)
        archive.threads = duplicates.threads
    }

    /// Where a page came from, as the archive names it: its JSONL or WARC file, or its folder.
    static func source(of page: Page) -> String {
        if page.origin.line != nil { return page.origin.path }
        let path = page.origin.path
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }

    /// Archived pages holding the blocks of `pages`, as evidence for the
    /// cross-page rule; not the pages themselves, archived by an earlier run.
    /// Only blocks the in-page rules kept (`prepared[i]`, where given) are
    /// looked up: the cross-page rule judges no other.
    func evidence(for pages: [Page], prepared: [Cleaner.PreparedPage?] = []) throws(WinnowError) -> [ArchivedPage] {
        var keys: [UInt64] = []
        for (i, page) in pages.enumerated() {
            if i < prepared.count, let state = prepared[i]?.state, state.page === page {
                for b in 0 ..< state.count where !state.isRemoved(b) { keys.append(page.blocks[b].key) }
            } else {
                keys += page.blocks.map(\.key)
            }
        }
        let rows = try archive.pages(holding: keys, in: .blockKeys, perKey: Self.evidencePerKey)
        return try others(archive.load(rows), than: pages).map(\.page)
    }

    /// Archived pages that share an LSH band with `documents`, as documents
    /// named as from the archive; not the pages themselves.
    /// Also gives each document's band keys, for ``add(_:bandKeys:)``.
    func candidates(for documents: [DuplicateDocument], pages: [Page]) throws(WinnowError)
        -> (documents: [DuplicateDocument], bandKeys: [[UInt64]])
    {
        let keys = Parallel.map(documents.count, threads: finder.options.threads) { finder.bandKeys(of: documents[$0]) }
        let rows = try archive.pages(holding: keys.flatMap { $0 }, in: .bands)
        return (try others(archive.load(rows), than: pages).map(\.page.document), keys)
    }

    /// Adds this run's cleaned pages (a page archived before is left as it
    /// is), filed under `bandKeys` when given (the documents' of
    /// ``candidates(for:pages:)``, in the same order), else under their own.
    /// With `withText`, the archive keeps each page's cleaned text too.
    func add(_ cleaned: [CleanedPage], bandKeys: [[UInt64]]? = nil, withText: Bool = false) throws(WinnowError) {
        let records = Parallel.map(cleaned.count, threads: finder.options.threads) { i in
            (page: ArchivedPage(cleaned[i], source: Self.source(of: cleaned[i].page), withText: withText),
             bandKeys: bandKeys?[i] ?? finder.bandKeys(of: DuplicateDocument(cleaned[i])))
        }
        try archive.add(records)
    }

    /// `archived` without the pages of `pages` (same id, same text).
    private func others(_ archived: [(row: Int64, page: ArchivedPage)], than pages: [Page]) -> [(row: Int64, page: ArchivedPage)] {
        var own = Set<String>()
        for page in pages { own.insert(page.id + "\u{0}" + String(page.textHash)) }
        return archived.filter { !own.contains($0.page.id + "\u{0}" + String($0.page.contentHash)) }
    }
}

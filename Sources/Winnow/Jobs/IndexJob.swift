import Glibc

/// `winnow index`: an archive (`--index FILE`) built or described without a report.
package enum IndexJob {
    /// What an archive holds.
    package struct Stats: Sendable {
        package let pages: Int
        package let sources: Int
        package let bytes: Int
        package let settings: [String: String]
    }

    /// The archive's pages, sources, size and settings; an archive that does not exist is an error.
    package static func stats(_ path: String) throws(WinnowError) -> Stats {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .archive(path, "no such file") }
        let archive = try Archive(readingOnly: path)
        let counts = try archive.counts()
        return Stats(pages: counts.pages, sources: counts.sources, bytes: Int(info.st_size), settings: try archive.storedSettings())
    }

    /// Reads and cleans `inputs` (with the archive's evidence) and adds their pages to the archive.
    package static func add(_ inputs: [String], index: String, glob: String, read: ReadOptions,
                            cleaner options: CleanerOptions, withText: Bool = false) throws(WinnowError) -> (pages: Int, diagnostics: [Diagnostic]) {
        let (set, cleaner) = try Corpus.list(inputs, glob: glob, threads: read.threads) { Cleaner(options: options) }
        var duplicates = DuplicateOptions()
        duplicates.threads = read.threads
        let session = try ArchiveSession(path: index, cleaner: options, duplicates: duplicates)
        var read = read
        read.releasesText = !withText
        let (corpus, prepared) = try Corpus.load(set, options: read, visit: cleaner.prepare)
        let cleaned = cleaner.clean(corpus.pages, prepared: prepared, evidence: try session.evidence(for: corpus.pages, prepared: prepared))
        try session.add(cleaned, withText: withText)
        return (cleaned.count, corpus.diagnostics)
    }
}

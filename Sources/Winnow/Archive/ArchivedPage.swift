/// What the archive keeps of a page: enough to stand as evidence for the
/// cross-page rule on later days (its blocks' keys as they stood when
/// templates were judged, and its head) and to be compared for duplicates
/// (the word hashes of its cleaned text, with their lines), without its text.
struct ArchivedPage: Sendable, Equatable {
    /// One block the page kept before templates were judged.
    struct Block: Sendable, Equatable {
        var key: UInt64
        var line: Int32
        var tokens: Int32
        /// 0 for the title, 1 for the lead, -1 for neither.
        var headPart: Int8
        /// Whether the block is in the cleaned page (not removed as a template).
        var kept: Bool
    }

    var id: String
    /// Where the page was read from: its folder, or its JSONL or WARC file.
    var source: String
    /// ``ExactCopies/hash(_:)`` of the page's text: a page with the same id
    /// and hash is the same page.
    var contentHash: UInt64
    var blocks: [Block]
    /// The word hashes of the cleaned page, in order.
    var tokens: [TokenHash]
    /// The cleaned page's text, when the archive keeps it (`--index-text`).
    var text: [UInt8]?

    /// The archive's record of a cleaned page.
    init(_ cleaned: CleanedPage, source: String, withText: Bool = false) {
        id = cleaned.page.id
        self.source = source
        contentHash = cleaned.page.textHash
        let page = cleaned.page
        var blocks: [Block] = []
        var tokens: [TokenHash] = []
        let all = page.tokenHashes  // once: a page's hashes may be read back from the spill
        for (b, block) in page.blocks.enumerated() {
            let removal = cleaned.removals[b]
            // Blocks kept, and templates: those a page kept until the template rule
            // judged the dump, the evidence other pages are judged by.
            guard removal == nil || removal?.reason == .template else { continue }
            let part = cleaned.head.firstIndex(of: Int32(b)).map(Int8.init) ?? -1
            blocks.append(Block(key: block.key, line: Int32(block.line), tokens: Int32(block.tokenCount), headPart: part,
                                kept: removal == nil))
            if removal == nil { tokens += all[block.tokens] }
        }
        self.blocks = blocks
        self.tokens = tokens
        text = withText ? cleaned.text : nil
    }

    init(id: String, source: String, contentHash: UInt64, blocks: [Block], tokens: [TokenHash], text: [UInt8]? = nil) {
        (self.id, self.source, self.contentHash, self.blocks, self.tokens, self.text) = (id, source, contentHash, blocks, tokens, text)
    }

    /// The page as a document for the duplicate search, named as coming from
    /// the archive: its cleaned text, read again, when the archive keeps it
    /// (its passages then have text, their lines those of the cleaned text);
    /// else its cleaned words, each on its block's line.
    var document: DuplicateDocument {
        if let text {
            let name = Self.documentPrefix + id
            return DuplicateDocument(raw: Page(id: name, origin: PageOrigin(path: Self.documentPrefix + source), bytes: text))
        }
        var lines: [Int32] = []
        lines.reserveCapacity(tokens.count)
        for block in blocks where block.kept { lines += repeatElement(block.line, count: Int(block.tokens)) }
        return DuplicateDocument(id: Self.documentPrefix + id, tokens: tokens, lines: lines)
    }

    /// What a page from the archive is called in a report.
    static let documentPrefix = "archive:"

    // MARK: Stored form

    /// The blocks as bytes: per block its key (8), line (4), tokens (4), head part (1), kept (1), little-endian.
    var blockBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(blocks.count * 18)
        for block in blocks {
            withUnsafeBytes(of: block.key.littleEndian) { out += $0 }
            withUnsafeBytes(of: block.line.littleEndian) { out += $0 }
            withUnsafeBytes(of: block.tokens.littleEndian) { out += $0 }
            out.append(UInt8(bitPattern: block.headPart))
            out.append(block.kept ? 1 : 0)
        }
        return out
    }

    /// The tokens as bytes, 4 a token, little-endian.
    var tokenBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(tokens.count * 4)
        for token in tokens { withUnsafeBytes(of: token.littleEndian) { out += $0 } }
        return out
    }

    /// The blocks of ``blockBytes``; nil when the bytes are not such.
    static func blocks(from bytes: UnsafeRawBufferPointer) -> [Block]? {
        guard bytes.count % 18 == 0 else { return nil }
        var blocks: [Block] = []
        blocks.reserveCapacity(bytes.count / 18)
        var offset = 0
        while offset < bytes.count {
            let key = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            let line = Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: Int32.self))
            let tokens = Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 12, as: Int32.self))
            let part = Int8(bitPattern: bytes[offset + 16])
            blocks.append(Block(key: key, line: line, tokens: tokens, headPart: part, kept: bytes[offset + 17] != 0))
            offset += 18
        }
        return blocks
    }

    /// The tokens of ``tokenBytes``; nil when the bytes are not such.
    static func tokens(from bytes: UnsafeRawBufferPointer) -> [TokenHash]? {
        guard bytes.count % 4 == 0 else { return nil }
        return (0 ..< bytes.count / 4).map {
            TokenHash(littleEndian: bytes.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))
        }
    }
}

import CFold
import Foundation

/// Turns one line of UTF-8 into folded tokens, for hashing only.
///
/// The steps, all on bytes:
/// 1. Lines whose scalars are all NFC-stable (ASCII always is) are used as
///    they are, in one pass; any other line is put in NFC by ``NFCNormalizer``.
/// 2. Letters are lowercased with their diacritics kept (Vietnamese tone marks
///    tell words apart).
/// 3. Words are maximal runs of letters, marks and digits; everything else
///    (punctuation, `_`, symbols, no-break and other Unicode spaces) separates them.
///    Letters of scripts written without spaces are one token each.
///
/// The result is the folded tokens' bytes, each followed by one space, and
/// where each token ends in them. The analyser keeps its buffers between
/// lines (sized for the worst case up front, so the loop writes through raw
/// pointers without checks), so one analyser per thread allocates almost nothing.
final class LineAnalyzer {
    /// Folded bytes: at most twice the line's bytes (see ``reserve(_:)``),
    /// and ``XXH3/tokenHashReach`` bytes more, which the token hash may read
    /// past the last token.
    private var out: UnsafeMutablePointer<UInt8>
    private var outCapacity: Int
    /// End offsets (exclusive, before the space) of the tokens in `out`.
    private var ends: UnsafeMutablePointer<Int32>
    /// Token hashes on their way to the page's, ``hashChunk`` at a time: a
    /// fixed size, so a page of one huge line does not hold its hashes twice.
    private let tokenHashes: UnsafeMutablePointer<TokenHash>
    private static let hashChunk = 1024
    private var endsCapacity: Int
    private var length = 0
    /// The number of tokens of the last line analysed.
    private(set) var tokenCount = 0
    /// Whether the last line held any visible character (not only spaces).
    private(set) var hasVisibleText = false

    private var nfcBuffer: [UInt8] = []
    private var normalizer = NFCNormalizer()
    /// A page's blocks and token hashes while ``Page`` reads it.
    var pageBlocks: [Block] = []
    var pageHashes: [TokenHash] = []
    private let table = ScalarTable.shared
    /// Whether the fold goes through the vector kernel (`CFold`) where it
    /// can: on a processor that runs it, unless a test asks for the scalar loop.
    private let vectorFold: Bool
    static let vectorFoldSupported = winnow_fold_supported()

    convenience init() { self.init(vectorFold: true) }

    /// - Parameter vectorFold: whether to fold through the vector kernel where the processor runs it.
    init(vectorFold: Bool) {
        self.vectorFold = vectorFold && Self.vectorFoldSupported
        outCapacity = 4096
        endsCapacity = 1024
        out = Self.allocateOut(outCapacity)
        ends = .allocate(capacity: endsCapacity)
        tokenHashes = .allocate(capacity: Self.hashChunk)
    }

    deinit {
        out.deallocate()
        ends.deallocate()
        tokenHashes.deallocate()
    }

    /// The folded tokens of the last line, each followed by a single space byte.
    var foldedBytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: out, count: length) }

    /// A copy of ``foldedBytes``, for tests.
    var folded: [UInt8] { Array(foldedBytes) }

    /// The byte range of token `i` in ``foldedBytes``.
    @inline(__always)
    func tokenRange(_ i: Int) -> Range<Int> {
        let start = i == 0 ? 0 : Int(ends[i - 1]) + 1
        return start ..< Int(ends[i])
    }

    /// Appends the hash of each token of the last line to `hashes`, and
    /// returns the line's block key (the hash of all its folded tokens).
    /// The hashes go through a buffer of the analyser's and onto `hashes` a
    /// chunk at a time: appending them one by one cost more than hashing them.
    @inline(__always)
    func appendTokenHashes(to hashes: inout [TokenHash]) -> UInt64 {
        let needed = hashes.count + tokenCount
        if needed > hashes.capacity, tokenCount > Self.hashChunk {  // grow once, not chunk by chunk
            hashes.reserveCapacity(max(needed, 2 * hashes.capacity))
        }
        var first = 0
        while first < tokenCount {
            let count = min(Self.hashChunk, tokenCount - first)
            // Each token as ``XXH3/tokenHash(_:count:seed:)`` hashes it (the
            // longer ones whole), eight at a time with the vector units.
            XXH3.tokenHashes(out, ends: ends + first, count: count, firstStart: first == 0 ? 0 : ends[first - 1] + 1,
                             seed: HashSeeds.token, into: tokenHashes)
            hashes.append(contentsOf: UnsafeBufferPointer(start: tokenHashes, count: count))
            first += count
        }
        return XXH3.hash(out, count: length, seed: HashSeeds.block)
    }

    /// A zeroed buffer of `capacity` bytes and the token hash's reach.
    private static func allocateOut(_ capacity: Int) -> UnsafeMutablePointer<UInt8> {
        let base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + XXH3.tokenHashReach)
        base.initialize(repeating: 0, count: capacity + XXH3.tokenHashReach)
        return base
    }

    /// Makes room for the worst case of a line of `count` bytes. A scalar's
    /// lowercase is at most 1.5 times its UTF-8 length (U+023A, 2 bytes, to
    /// U+2C65, 3 bytes), and a token adds one space, so the folded bytes are
    /// at most twice the line; a token takes at least two bytes of the line
    /// (a letter and a separator) or three (an isolated letter), so there are
    /// at most half as many tokens as bytes, plus one.
    private func reserve(_ count: Int) {
        let needed = count * 2 + 8
        if needed > outCapacity {
            out.deallocate()
            outCapacity = max(needed, min(outCapacity * 2, 1 << 20))
            out = Self.allocateOut(outCapacity)
        }
        let tokens = count / 2 + 2
        if tokens > endsCapacity {
            ends.deallocate()
            endsCapacity = max(tokens, min(endsCapacity * 2, 1 << 18))
            ends = .allocate(capacity: endsCapacity)
        }
    }

    /// Analyses one line (without its line terminator). Returns false, having
    /// analysed nothing, when the line is not valid UTF-8: the check is part
    /// of the one pass over the bytes, so valid text is never read twice.
    @discardableResult
    func analyze(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        reset(reserving: line.count)
        switch fold(line, checkingNFC: true) {
        case .folded:
            return true
        case .invalid:
            reset(reserving: 0)
            return false
        case .needsNFC:
            // Only a line holding a scalar that may change under NFC is
            // normalised (its rest is not checked yet) and folded again.
            guard TextDecoder.isValidUTF8(line) else {
                reset(reserving: 0)
                return false
            }
            normalizer.normalize(line, into: &nfcBuffer)
            let normalized = nfcBuffer
            reset(reserving: normalized.count)
            normalized.withUnsafeBufferPointer { _ = fold($0, checkingNFC: false) }
            return true
        }
    }

    private func reset(reserving count: Int) {
        length = 0
        tokenCount = 0
        hasVisibleText = false
        reserve(count)
    }

    /// Analyses a string; a convenience for tests and small inputs.
    func analyze(_ string: String) {
        var copy = string
        copy.withUTF8 { _ = analyze($0) }
    }

    /// The token hashes of part of a page's text (valid UTF-8, as a page's
    /// text is), for the rules that look at the words of part of a block.
    func tokenHashes(of bytes: ArraySlice<UInt8>) -> [TokenHash] {
        _ = bytes.withUnsafeBufferPointer { analyze($0) }
        var hashes: [TokenHash] = []
        _ = appendTokenHashes(to: &hashes)
        return hashes
    }

    /// An analyser made on the first call and the same one after: a rule
    /// that needs one for only some pages makes none for the others (a new
    /// analyser zeroes its buffers).
    static func onDemand() -> () -> LineAnalyzer {
        var made: LineAnalyzer?
        return {
            if let made { return made }
            let analyzer = LineAnalyzer()
            made = analyzer
            return analyzer
        }
    }

    /// The tokens of the last line, as strings; for tests and reports.
    var tokens: [String] {
        (0 ..< tokenCount).map { String(decoding: UnsafeBufferPointer(rebasing: foldedBytes[tokenRange($0)]), as: UTF8.self) }
    }

    // MARK: - Unicode

    /// How a fold ended.
    private enum FoldResult {
        case folded
        /// Stopped at a scalar that may change under NFC.
        case needsNFC
        /// Stopped at bytes that are not valid UTF-8.
        case invalid
    }

    /// Folds the line, checking that it is valid UTF-8; stops early when
    /// `checkingNFC` and the line holds a scalar that may change under NFC.
    ///
    /// Most of a line goes through ``foldRun(_:_:_:_:_:_:_:)``'s branch-free
    /// loop; this loop takes one scalar at a time where that one stops:
    /// isolated letters and what follows them, ignorable scalars, scalars
    /// that may change under NFC, the line's last three bytes, and lead
    /// bytes that need a range check.
    ///
    /// The loop keeps its state in locals and writes it back once: stored
    /// properties of a class would cost an exclusivity check per access.
    private func fold(_ line: UnsafeBufferPointer<UInt8>, checkingNFC: Bool) -> FoldResult {
        guard let p = line.baseAddress else { return .folded }
        let n = line.count
        let out = self.out
        let ends = self.ends
        let table = self.table
        let vectorFold = self.vectorFold
        var state = FoldState()
        var inIsolated = false  // the open token is one isolated letter (and its marks)
        while state.i < n {
            if !inIsolated {
                Self.foldRun(p, n, out, ends, table, vectorFold, &state)
                if state.i == n { break }
            }
            let length = TextDecoder.sequenceLength(p, state.i, n)
            if length == 0 { return .invalid }
            let entry = table.entry(TextDecoder.scalarValue(p, state.i, length))
            state.i += length
            if checkingNFC && entry.nfcUnsafe { return .needsNFC }
            switch entry.cls {
            case .word:
                if inIsolated, !entry.isMark {
                    state.endToken(out, ends)
                    inIsolated = false
                }
                state.append(entry, out)
            case .isolated:
                if state.inWord != 0 { state.endToken(out, ends) }
                state.append(entry, out)
                inIsolated = true
            case .boundary:
                if state.inWord != 0 { state.endToken(out, ends) }
                inIsolated = false
            case .ignorable:
                break
            }
        }
        if state.inWord != 0 { state.endToken(out, ends) }
        length = state.o
        tokenCount = state.count
        // A token is visible; a line without one may still hold punctuation.
        hasVisibleText = state.count > 0 || Self.hasVisibleBoundary(line, table)
        return .folded
    }

    /// Whether a line (valid UTF-8) holds a visible boundary scalar:
    /// punctuation or a symbol, not a space. Asked only of lines without
    /// tokens, mostly blank ones: the fold's loop keeps no record of what
    /// it saw, one value fewer for its registers.
    private static func hasVisibleBoundary(_ line: UnsafeBufferPointer<UInt8>, _ table: ScalarTable) -> Bool {
        guard let p = line.baseAddress else { return false }
        var i = 0
        while i < line.count {
            let length = TextDecoder.sequenceLength(p, i, line.count)
            let entry = table.entry(TextDecoder.scalarValue(p, i, length))
            if entry.cls == .boundary && entry.isVisible { return true }
            i += length
        }
        return false
    }

    /// Where a fold is.
    private struct FoldState {
        /// The next byte of the line to read.
        var i = 0
        /// The next byte of the folded bytes to write.
        var o = 0
        /// Tokens closed.
        var count = 0
        /// 1 while a token is open, else 0.
        var inWord = 0

        /// Closes the open token: records where it ends and writes its space.
        @inline(__always)
        mutating func endToken(_ out: UnsafeMutablePointer<UInt8>, _ ends: UnsafeMutablePointer<Int32>) {
            ends[count] = Int32(truncatingIfNeeded: o)
            count += 1
            out[o] = 0x20
            o += 1
            inWord = 0
        }

        /// Writes a letter's folded bytes into the open token (opening one).
        @inline(__always)
        mutating func append(_ entry: ScalarEntry, _ out: UnsafeMutablePointer<UInt8>) {
            UnsafeMutableRawPointer(out + o).storeBytes(of: entry.foldedBytes, as: UInt32.self)
            o += entry.foldedLength
            inWord = 1
        }
    }

    /// Folds scalars from `state.i` for as long as each is a word's scalar or
    /// a boundary, safe under NFC, and decodable from four bytes loaded at
    /// once (so not among the line's last three bytes).
    ///
    /// A step does not branch on what the scalar is. Its ``ScalarEntry``
    /// says what to write and how far to move: a word's scalar writes its
    /// folded bytes; a boundary writes a space, and moves on only when it
    /// closes a token. The one branch is ASCII or not, so that in ASCII text
    /// the next byte's load need not wait for this one's length. Branching
    /// on whether each byte is a letter, as this loop did before, was
    /// mispredicted at almost every word's ends: folding alone (the
    /// analyser's lines, without hashing) ran at 275 MB/s on text of the
    /// 119 MB dump and 320 MB/s on ASCII text, and runs at 365 and 440–610.
    ///
    /// Where the processor has AVX-512 (BW, VBMI2), `CFold`'s kernel folds
    /// 64 bytes at a time first: ASCII, and letters of two or three bytes
    /// whose fold has their length (Vietnamese, Latin, Greek, Cyrillic),
    /// writing exactly what this loop writes; this loop goes on from the
    /// first scalar it leaves (measurements: docs/performance.md).
    @inline(never)
    private static func foldRun(
        _ p: UnsafePointer<UInt8>, _ n: Int, _ out: UnsafeMutablePointer<UInt8>, _ ends: UnsafeMutablePointer<Int32>,
        _ table: ScalarTable, _ vectorFold: Bool, _ state: inout FoldState
    ) {
        let raw = UnsafeRawPointer(p)
        let entries = table.entries
        let leadLengths = entries + ScalarTable.leadLengthsOffset
        let stop = ScalarEntry.specialBit | ScalarEntry.nfcUnsafeBit
        var i = state.i
        var o = state.o
        var count = state.count
        var inWord = state.inWord
        // Scalar steps left before the vector kernel is tried again, after
        // it folded little (text of scalars it leaves to this loop: CJK).
        var scalarSteps = vectorFold ? 0 : Int.max
        while i &+ 4 <= n {
            if scalarSteps == 0 {
                var vo = o, vcount = count, vin = Int32(truncatingIfNeeded: inWord)
                let folded = winnow_fold_chunks(p, i, n, UnsafePointer(entries), UnsafePointer(table.foldClasses), out, &vo, ends,
                                                &vcount, &vin)
                i &+= folded
                o = vo
                count = vcount
                inWord = Int(vin)
                scalarSteps = folded < 16 ? 16 : 1
                if i &+ 4 > n { break }
            }
            scalarSteps &-= 1
            let word = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt32.self))
            let bits: UInt64
            let length: Int
            if word & 0x80 == 0 {
                // ASCII: a branch, well predicted in ASCII text, lets the next
                // byte's load start before this one's entry is read.
                length = 1
                bits = entries[Int(truncatingIfNeeded: word & 0x7F)]
            } else {
                length = Int(truncatingIfNeeded: leadLengths[Int(truncatingIfNeeded: word & 0xFF)])
                guard length != 0, let scalar = TextDecoder.scalarValue(plainSequence: word, length: length) else { break }
                bits = scalar < ScalarTable.tableLimit ? entries[Int(scalar)] : table.entry(scalar).bits
            }
            if bits & stop != 0 { break }
            i &+= length
            let isWord = Int(truncatingIfNeeded: bits &>> ScalarEntry.classShift & 1)  // word 1, boundary 0
            let closes = inWord & (isWord ^ 1)
            UnsafeMutableRawPointer(out + o).storeBytes(of: UInt32(truncatingIfNeeded: bits), as: UInt32.self)
            ends[count] = Int32(truncatingIfNeeded: o)
            count &+= closes
            o &+= Int(truncatingIfNeeded: bits &>> 32 & 7) &+ closes
            inWord = isWord
        }
        state = FoldState(i: i, o: o, count: count, inWord: inWord)
    }
}

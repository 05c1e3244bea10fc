import Foundation

/// Puts lines of valid UTF-8 in NFC a segment at a time, remembering the
/// segments it has normalised.
///
/// A segment starts at each scalar that NFC neither changes nor combines with
/// what comes before it (canonical combining class 0 and NFC quick check Yes;
/// the scalar table's NFC-safe flag is a conservative version of that), so the
/// NFC of a line is the NFC of each of its segments in turn. Only segments
/// that hold a scalar flagged unsafe need work, and they are short (a letter
/// and its combining marks, or a word of a script whose vowel signs compose)
/// and recur: decomposed Vietnamese uses a few hundred. Foundation normalises
/// each distinct one once (it is slow per call, and quadratic on long strings);
/// later ones are copied from the cache.
///
/// The cache only saves time: the result is the same with or without it.
struct NFCNormalizer {
    /// Segments longer than this are normalised without caching.
    static let longestCached = 64
    /// The cache starts afresh when its segments take more bytes than this.
    static let cacheBytes = 1 << 20

    private var slots = HashTable64<Int32>()
    /// Cached segments' bytes and their NFC, one after the other in `bytes`.
    private var bytes: [UInt8] = []
    private var entries: [(source: Range<Int>, result: Range<Int>)] = []
    private let table = ScalarTable.shared

    /// `line` in NFC, written over `out`.
    mutating func normalize(_ line: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        guard let p = line.baseAddress else { return }
        let n = line.count
        var copied = 0  // line[..<copied] is in `out`
        var segment = 0  // where the segment holding `i` starts
        var i = 0
        while i < n {
            if p[i] < 0x80 {
                segment = i
                i += 1
                continue
            }
            let length = TextDecoder.sequenceLength(p, i, n)
            guard length > 0, isUnsafe(p, i, length) else {
                segment = i
                i += max(length, 1)
                continue
            }
            // The segment runs on to the next safe scalar.
            var end = i + length
            while end < n, p[end] >= 0x80 {
                let next = TextDecoder.sequenceLength(p, end, n)
                guard next > 0, isUnsafe(p, end, next) else { break }
                end += next
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: line[copied ..< segment]))
            appendNFC(UnsafeBufferPointer(rebasing: line[segment ..< end]), to: &out)
            copied = end
            i = end
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: line[copied ..< n]))
    }

    @inline(__always)
    private func isUnsafe(_ p: UnsafePointer<UInt8>, _ i: Int, _ length: Int) -> Bool {
        table.entry(TextDecoder.scalarValue(p, i, length)).nfcUnsafe
    }

    private mutating func appendNFC(_ segment: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard segment.count <= Self.longestCached else {
            Self.appendFoundationNFC(segment, to: &out)
            return
        }
        let key = XXH3.hash(segment, seed: HashSeeds.exactCopy)
        if let e = slots[key] {
            let entry = entries[Int(e)]
            let source = bytes.withUnsafeBufferPointer { UnsafeBufferPointer(rebasing: $0[entry.source]) }
            if source.elementsEqual(segment) {
                out.append(contentsOf: bytes[entry.result])
                return
            }
            // Another segment with the same hash: normalised, not cached.
            Self.appendFoundationNFC(segment, to: &out)
            return
        }
        if bytes.count > Self.cacheBytes {
            slots = HashTable64()
            bytes.removeAll(keepingCapacity: true)
            entries.removeAll(keepingCapacity: true)
        }
        let sourceStart = bytes.count
        bytes.append(contentsOf: segment)
        let resultStart = bytes.count
        Self.appendFoundationNFC(segment, to: &bytes)
        slots.set(key, Int32(entries.count))
        entries.append((sourceStart ..< resultStart, resultStart ..< bytes.count))
        out.append(contentsOf: bytes[resultStart...])
    }

    /// Foundation's NFC of `text`, in pieces of at most 2,048 bytes cut
    /// before a space or, failing one, between scalars: a piece is never
    /// long enough for the normaliser's quadratic cost to show. (Only a run of
    /// that many unsafe scalars without a space is cut elsewhere than at a
    /// segment boundary.)
    private static func appendFoundationNFC(_ text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let chunk = 2048
        var start = 0
        let n = text.count
        while start < n {
            var end = min(start + chunk, n)
            if end < n {
                var cut = end
                while cut > start + 1, text[cut] != 0x20 { cut -= 1 }
                if cut > start + 1 {
                    end = cut
                } else {
                    while end > start + 1, text[end] & 0xC0 == 0x80 { end -= 1 }  // not inside a scalar
                }
            }
            let piece = String(decoding: UnsafeBufferPointer(rebasing: text[start ..< end]), as: UTF8.self)
            out.append(contentsOf: piece.precomposedStringWithCanonicalMapping.utf8)
            start = end
        }
    }
}

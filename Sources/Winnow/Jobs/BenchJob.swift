import Foundation

/// `winnow bench`: the hot loop's stages on the same bytes, in one run, each
/// as throughput and as a ratio to raw XXH3 over those bytes.
package struct BenchJob: Sendable {
    /// How many bytes of text to run on.
    public var bytes = 32 << 20
    /// Pages to take the text from; generated text when empty.
    public var inputs: [String] = []
    public var glob = "*.txt"
    public var shingleSize = 5
    public var permutations = 128
    /// Runs per stage; the best is kept.
    public var repeats = 3

    public init() {}

    public struct Stage: Sendable {
        public let name: String
        public let seconds: Double
        /// Bytes of page text per second.
        public var bytesPerSecond: Double { Double(textBytes) / seconds }
        let textBytes: Int
    }

    public struct Result: Sendable {
        public let textBytes: Int
        public let source: String
        public let stages: [Stage]
        /// The stage's throughput over raw XXH3's.
        public func ratio(_ stage: Stage) -> Double { stage.bytesPerSecond / stages[0].bytesPerSecond }
    }

    public func run() throws(WinnowError) -> Result {
        let (text, source) = try sample()
        let n = text.count
        func best(_ name: String, _ body: () -> Void) -> Stage {
            var fastest = Double.infinity
            for _ in 0 ..< max(1, repeats) {
                let start = DispatchTime.now().uptimeNanoseconds
                body()
                fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            return Stage(name: name, seconds: max(fastest, 1e-9), textBytes: n)
        }
        var sink: UInt64 = 0
        let raw = best("raw XXH3 (libxxhash, streaming)") {
            sink &+= text.withUnsafeBytes { SystemXXH3.hash($0.baseAddress!, count: $0.count, seed: 1) }
        }
        var page = Page(id: "bench", origin: PageOrigin(path: "bench"), bytes: [UInt8]())
        let analyse = best("normalise + tokenise + token hashes") {
            page = Page(id: "bench", origin: PageOrigin(path: "bench"), bytes: text)
        }
        let shingler = Shingler(size: shingleSize)
        var shingles: [UInt64] = []
        let shingle = best("shingle hashes (k=\(shingleSize)) from token hashes") {
            shingles.removeAll(keepingCapacity: true)
            page.tokenHashes.withUnsafeBufferPointer { shingler.appendShingles(of: $0, to: &shingles) }
        }
        let minHash = MinHash(permutations: permutations)
        // Signatures per page-sized document of 600 shingles, as in a dump.
        let signature = best("MinHash-\(permutations) signatures") {
            var start = 0
            while start < shingles.count {
                let end = min(shingles.count, start + 600)
                sink &+= minHash.signature(of: Array(shingles[start ..< end]))[0]
                start = end
            }
        }
        let whole = Stage(name: "text to shingles (tokenise + hash + shingle)",
                          seconds: analyse.seconds + shingle.seconds, textBytes: n)
        withExtendedLifetime(sink) {}
        return Result(textBytes: n, source: source, stages: [raw, analyse, shingle, whole, signature])
    }

    /// The text to run on: the inputs' pages, repeated, or generated text.
    func sample() throws(WinnowError) -> ([UInt8], String) {
        var text: [UInt8] = []
        var source = "generated Vietnamese and English news text"
        if !inputs.isEmpty {
            let corpus = try Corpus.load(inputs, glob: glob, options: ReadOptions())
            let pages = corpus.pages.map(\.text).filter { !$0.isEmpty }
            guard !pages.isEmpty else { throw .noInput(inputs) }
            source = inputs.joined(separator: " ")
            var i = 0
            while text.count < bytes {
                text += pages[i % pages.count]
                text.append(0x0A)
                i += 1
            }
        } else {
            text = Self.generatedText(bytes: bytes)
        }
        return (Array(text.prefix(bytes)), source)
    }

    /// Seeded news-like text: 70% Vietnamese, 30% English lines.
    static func generatedText(bytes: Int) -> [UInt8] {
        let vietnamese = "người dân thành phố hôm nay cho biết chính phủ đã quyết định tăng cường các biện pháp bảo vệ môi trường trong năm tới theo báo cáo của bộ tài nguyên việc xây dựng đường sắt đô thị được đẩy nhanh tiến độ nhằm giảm ùn tắc giao thông ở trung tâm Hà Nội và Đà Nẵng lực lượng chức năng đã kiểm tra xử lý nhiều trường hợp vi phạm".split(separator: " ")
        let english = "the city council said on Tuesday that the government had decided to expand protections for rivers and forests next year according to a report officials in Washington and London warned that prices would keep rising".split(separator: " ")
        var state: UInt64 = 0x5EED
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes + 512)
        while out.count < bytes {
            let words = next() % 10 < 7 ? vietnamese : english
            let count = 20 + Int(next() % 40)
            for w in 0 ..< count {
                var word = String(words[Int(next() % UInt64(words.count))])
                if w == 0 { word = word.prefix(1).uppercased() + word.dropFirst() }
                out += Array(word.utf8)
                out.append(w == count - 1 ? UInt8(ascii: ".") : UInt8(ascii: " "))
            }
            out.append(0x0A)
        }
        return out
    }
}

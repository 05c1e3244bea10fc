import Foundation

/// Phrases that mark boilerplate, in one data file per language
/// (`Cues/*.swift`). They are matched on folded words (case, punctuation and
/// Unicode form ignored), at the start of a block, never as whole seed lines.
public struct CuePhrases: Sendable {
    /// Headers that open a list of other articles ("Related", "Tin liên quan").
    public var sections: [String] = []
    /// Openers of follow-us banners and membership appeals ("Join us", "Follow us on").
    public var appeals: [String] = []
    /// Words that open a short byline or source line ("By", "Theo", "Source").
    public var bylines: [String] = []
    /// Words that mark a photo credit ("Photo", "Ảnh", "AFP", "Getty").
    public var credits: [String] = []
    /// Words that label a link to another story, but only with a colon and
    /// its headline after them ("Read: …", "Watch: …", "Lea: …"): alone, or
    /// opening a sentence, they are ordinary words.
    public var labels: [String] = []

    public init(sections: [String] = [], appeals: [String] = [], bylines: [String] = [], credits: [String] = [],
                labels: [String] = []) {
        self.sections = sections
        self.appeals = appeals
        self.bylines = bylines
        self.credits = credits
        self.labels = labels
    }

    /// Every language Winnow ships.
    public static let builtIn: CuePhrases = [CuePhrases.english, .vietnamese, .european, .slavic, .asian, .middleEastern]
        .reduce(CuePhrases(), +)

    public static func + (a: CuePhrases, b: CuePhrases) -> CuePhrases {
        CuePhrases(
            sections: a.sections + b.sections, appeals: a.appeals + b.appeals,
            bylines: a.bylines + b.bylines, credits: a.credits + b.credits, labels: a.labels + b.labels)
    }

    /// The largest cue file read.
    static let maximumFileBytes = 1 << 20

    /// The built-in cues (unless `builtIn` is false) plus those of each file.
    public static func load(files: [String], builtIn: Bool = true) throws(WinnowError) -> CuePhrases {
        var cues = builtIn ? CuePhrases.builtIn : CuePhrases()
        for file in files {
            // A cue file is a short list: a large one is a mistake (--cues /dev/urandom grew without end).
            var info = stat()
            if stat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) > maximumFileBytes {
                throw .badCueFile(file, line: 0, reason: "over \(maximumFileBytes / (1 << 20)) MB: not a cue file")
            }
            let bytes = try Corpus.readBytes(file, limit: maximumFileBytes + 1)
            guard bytes.count <= maximumFileBytes else {
                throw .badCueFile(file, line: 0, reason: "over \(maximumFileBytes / (1 << 20)) MB: not a cue file")
            }
            guard let text = String(validating: bytes, as: UTF8.self), !bytes.contains(0) else {
                throw .badCueFile(file, line: 0, reason: "not UTF-8 text: not a cue file")
            }
            cues = cues + (try parse(text, file: file))
        }
        return cues
    }

    /// Reads extra cues from a text file: `[sections]`, `[appeals]`,
    /// `[bylines]`, `[credits]` and `[labels]` headers, then one phrase a
    /// line; `#` starts a comment.
    public static func parse(_ text: String, file: String) throws(WinnowError) -> CuePhrases {
        var cues = CuePhrases()
        var section: WritableKeyPath<CuePhrases, [String]>?
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
                .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if line.isEmpty { continue }
            switch line.lowercased() {
            case "[sections]": section = \.sections
            case "[appeals]": section = \.appeals
            case "[bylines]": section = \.bylines
            case "[credits]": section = \.credits
            case "[labels]": section = \.labels
            case let header where header.hasPrefix("[") && header.hasSuffix("]"):
                throw .badCueFile(file, line: number + 1,
                                  reason: "unknown section \(line): use [sections], [appeals], [bylines], [credits] or [labels]")
            default:
                guard let key = section else {
                    throw .badCueFile(file, line: number + 1, reason: "a phrase before any [section] header")
                }
                cues[keyPath: key].append(line)
            }
        }
        return cues
    }
}

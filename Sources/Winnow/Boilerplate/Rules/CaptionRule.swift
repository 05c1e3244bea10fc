import Foundation

/// Photo captions and credits.
///
/// A caption is a block that:
/// - ends in a credit: a closing parenthesis whose words open with a credit cue
///   ("(AFP PHOTO/…)", "(Nguồn: …)"), or a short "Photo: …" / "Ảnh: …" tail;
/// - opens with a credit cue and a colon ("Photograph: …");
/// - repeats the page's title and goes on (a caption glued to the title);
/// - is a fragment: every one of its words, in order, stands in another block
///   of the page (a caption cut from a paragraph).
/// `--keep-captions` turns the rule off.
struct CaptionRule: PageRule {
    /// Captions are short; a longer block with a credit-like ending is text.
    static let maximumWords = 80
    /// The longest credit after the cue ("Ảnh: Nguyễn Văn A/TTXVN").
    static let maximumCreditWords = 8

    func apply(to state: inout PageState, context: RuleContext) {
        guard !context.options.keepCaptions else { return }
        let analyzer = LineAnalyzer()
        for i in 0 ..< state.count where !state.isRemoved(i) && !state.isHead(i) {
            guard state.tokenCount(i) <= Self.maximumWords else { continue }
            if let cue = credit(state.string(i), context.cues, analyzer) {
                state.remove(i, Removal(.caption, "credit '\(cue)'"))
            } else if let title = state.title, gluedToTitle(i, title: title, state) {
                state.remove(i, Removal(.caption, "glued to the title at line \(state.line(title))"))
            }
        }
        removeFragments(&state)
    }

    /// The credit cue a block carries, if it ends or opens with one.
    func credit(_ text: String, _ cues: CueMatcher, _ analyzer: LineAnalyzer) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // "… (AFP PHOTO/NAME)" or "… (Nguồn: X)"
        if trimmed.hasSuffix(")"), let open = trimmed.lastIndex(of: "(") {
            let inner = String(trimmed[trimmed.index(after: open) ..< trimmed.index(before: trimmed.endIndex)])
            let words = CueMatcher.tokenHashes(inner, analyzer)
            if words.count <= Self.maximumCreditWords + 2, cues.prefixMatch(.credit, words[...]) != nil {
                return inner
            }
        }
        // "… Ảnh: ITV.com." or "Photograph: X" — a cue right before a colon.
        for colon in trimmed.indices.reversed() where trimmed[colon] == ":" {
            let after = String(trimmed[trimmed.index(after: colon)...])
            let afterWords = CueMatcher.tokenHashes(after, analyzer).count
            let before = trimmed[..<colon]
            let cueStart = before.lastIndex(where: { $0 == " " || $0 == "(" || $0 == "." }).map { before.index(after: $0) } ?? before.startIndex
            let cueText = String(before[cueStart...])
            let cueWords = CueMatcher.tokenHashes(cueText, analyzer)
            guard !cueWords.isEmpty, cues.prefixMatch(.credit, cueWords[...]) == cueWords.count else { continue }
            let opens = cueStart == trimmed.startIndex
            if afterWords <= Self.maximumCreditWords || (opens && afterWords <= 40) {
                return cueText + ":"
            }
        }
        return nil
    }

    /// The block starts with the title's words and goes on.
    private func gluedToTitle(_ i: Int, title: Int, _ state: PageState) -> Bool {
        let t = state.tokens(title)
        return t.count >= 3 && i != title && state.tokenCount(i) > t.count + 1 && state.tokens(i).starts(with: t)
    }

    /// Removes blocks all of whose words stand, in order, in other blocks.
    private func removeFragments(_ state: inout PageState) {
        let k = 4
        var stream: [UInt64] = []
        var owner: [Int] = []
        for i in 0 ..< state.count where !state.isRemoved(i) {
            stream += state.tokens(i)
            owner += Array(repeating: i, count: state.tokenCount(i))
        }
        guard stream.count > k else { return }
        var starts: [UInt64: [Int]] = [:]  // shingle hash -> blocks it starts in
        let shingles = Shingler(size: k).shingles(of: stream)
        for (p, h) in shingles.enumerated() { starts[h, default: []].append(owner[p]) }
        // The blocks whose every shingle also starts in another block, and those others.
        var coveredBy: [Int: Set<Int>] = [:]
        for i in 0 ..< state.count where !state.isRemoved(i) && !state.isHead(i) {
            let n = state.tokenCount(i)
            guard n >= 5, n <= Self.maximumWords else { continue }
            var others = Set<Int>()
            let covered = Shingler(size: k).shingles(of: Array(state.tokens(i))).allSatisfy { h in
                guard let other = starts[h]?.first(where: { $0 != i }) else { return false }
                others.insert(other)
                return true
            }
            if covered { coveredBy[i] = others }
        }
        // A sentence inside a longer caption is covered by the caption alone;
        // the caption is covered by text that nothing covers. Remove the latter.
        for (i, others) in coveredBy.sorted(by: { $0.key < $1.key }) {
            if let source = others.sorted().first(where: { coveredBy[$0] == nil }) {
                state.remove(i, Removal(.caption, "copy of words in line \(state.line(source))"))
            }
        }
    }
}

import Foundation
import Testing
@testable import Winnow

/// Cue files given with `--cues`.
@Suite struct CuePhrasesTests {
    @Test func aCueFileAddsPhrasesThatTheCleanerUses() throws {
        let text = "[sections]\n# German\nLesen Sie auch\n\n[credits]\nFoto   # a comment\n"
        let cues = try CuePhrases.parse(text, file: "de.txt")
        #expect(cues.sections == ["Lesen Sie auch"])
        #expect(cues.credits == ["Foto"])
        // A German page: without the file the list after the header stays; with it, it goes.
        let page = Page(id: "de", origin: PageOrigin(path: "de"), bytes: Array("""
            Die Stadt baut eine neue Brücke über den Fluss
            Die Stadt hat am Montag beschlossen, eine neue Brücke über den Fluss zu bauen, teilte der Bürgermeister mit.
            Die Arbeiten sollen im Frühjahr beginnen und zwei Jahre dauern, sagte er vor dem Stadtrat am Abend.
            Die Kosten von vierzig Millionen Euro tragen die Stadt und das Land gemeinsam, hieß es weiter.
            Lesen Sie auch
            Neue Radwege für die Innenstadt geplant und beschlossen
            """.utf8))
        var without = CleanerOptions()
        without.cues = CuePhrases()
        var with = CleanerOptions()
        with.cues = cues
        // Without the cue the body model judges the header and the teaser by their look;
        // with it, the header cuts the tail.
        let alone = Cleaner(options: without).clean([page])[0]
        #expect(alone.removals[5]?.reason != .tail)
        let cleaned = Cleaner(options: with).clean([page])[0]
        #expect(cleaned.keptBlocks.map(\.line) == [1, 2, 3, 4])
        #expect(cleaned.removals[4] == Removal(.tail, "tail: after section header at line 5"))
        #expect(cleaned.removals[5]?.reason == .tail)
    }

    @Test func aLabelFileAddsLinkLabels() throws {
        let cues = try CuePhrases.parse("[labels]\nSiehe\n", file: "de.txt")
        #expect(cues.labels == ["Siehe"])
        #expect(cues.sections.isEmpty)
        #expect(throws: WinnowError.badCueFile("de.txt", line: 1,
                                              reason: "unknown section [label]: use [sections], [appeals], [bylines], [credits] or [labels]")) {
            try CuePhrases.parse("[label]\nSiehe\n", file: "de.txt")
        }
    }

    @Test func aPhraseBeforeAnyHeaderIsAnErrorNamingTheLine() {
        #expect(throws: WinnowError.badCueFile("mine.txt", line: 2, reason: "a phrase before any [section] header")) {
            try CuePhrases.parse("# my cues\nlesen sie auch\n[sections]\n", file: "mine.txt")
        }
        let message = WinnowError.badCueFile("mine.txt", line: 2, reason: "a phrase before any [section] header").description
        #expect(message == "mine.txt:2: error: a phrase before any [section] header")
    }
}

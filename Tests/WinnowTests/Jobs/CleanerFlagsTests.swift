import Foundation
import Testing
@testable import Winnow

/// `dups` and `blocks` clean as `clean` does, so they take its options.
@Suite struct CleanerFlagsTests {
    private func winnow(_ arguments: [String]) throws -> (status: Int32, printed: String) {
        try Fixtures.run(try Fixtures.winnowBinary(), arguments, environment: ["SWIFT_BACKTRACE": "enable=no"], withStdout: true)
    }

    /// Three pages of one site, each with the same photo credit.
    private func pages() throws -> String {
        let folder = Fixtures.temporaryFolder()
        for n in 1 ... 3 {
            let text = """
                Headline number \(n) about the harbour
                The council voted on Tuesday to rebuild the harbour wall number \(n) before winter comes.
                Photo: Reuters
                Engineers said the wall had been losing stones for years and could fail soon.

                """
            try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/p\(n).txt"))
        }
        return folder
    }

    @Test func blocksTakesKeepCaptions() throws {
        let folder = try pages()
        let plain = try winnow(["blocks", folder])
        #expect(plain.printed.contains("caption    Photo: Reuters"), "\(plain.printed)")
        let kept = try winnow(["blocks", folder, "--keep-captions"])
        #expect(kept.status == 0)
        #expect(!kept.printed.contains("caption    Photo: Reuters"), "\(kept.printed)")
    }

    @Test(arguments: ["dups", "blocks"])
    func cueFilesAndCrossPageAreTaken(_ command: String) throws {
        let folder = try pages()
        let cues = Fixtures.temporaryFolder() + "/cues.txt"
        try Data("[sectoins]\nread more\n".utf8).write(to: URL(fileURLWithPath: cues))
        let bad = try winnow([command, folder, "--cues", cues, "--no-builtin-cues"])
        #expect(bad.status == 1)
        #expect(bad.printed.contains("cues.txt:1: error: unknown section [sectoins]"), "\(bad.printed)")
        #expect(try winnow([command, folder, "--no-cross-page"]).status == 0)
    }
}

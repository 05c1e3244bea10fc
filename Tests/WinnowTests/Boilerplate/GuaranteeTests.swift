import Foundation
import Testing
@testable import Winnow

/// Determinism and idempotence of `clean`, on the committed generated dump.
@Suite struct GuaranteeTests {
    private func run(_ inputs: [String], threads: Int) throws -> [String: [UInt8]] {
        let out = Fixtures.temporaryFolder()
        var job = CleanJob(inputs: inputs, output: out)
        job.read.threads = threads
        job.cleaner.threads = threads
        _ = try job.run()
        return try Fixtures.tree(out)
    }

    @Test func sameBytesForOneAndManyThreadsAndAnyFileOrder() throws {
        let pages = Fixtures.path("Fixtures/quality-80/pages")
        let one = try run([pages], threads: 1)
        #expect(one.count == 95)
        #expect(try run([pages], threads: 4) == one)
        // The same files given one by one, in reverse order.
        let names = try FileManager.default.contentsOfDirectory(atPath: pages).sorted().reversed()
        let reversed = try run(names.map { pages + "/" + $0 }, threads: 3)
        #expect(reversed == one)
    }

    @Test func cleaningCleanedOutputRemovesNothingMore() throws {
        let first = Fixtures.temporaryFolder()
        _ = try CleanJob(inputs: [Fixtures.path("Fixtures/quality-80/pages")], output: first).run()
        let second = Fixtures.temporaryFolder()
        _ = try CleanJob(inputs: [first], output: second).run()
        #expect(try Fixtures.tree(second) == Fixtures.tree(first))
    }
}

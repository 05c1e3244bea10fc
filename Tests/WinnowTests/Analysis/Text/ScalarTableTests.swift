import Foundation
import Testing
@testable import Winnow

@Suite struct ScalarTableTests {
    /// The tokeniser folds a line as it is when none of its scalars is marked
    /// NFC-unsafe: each scalar so marked must be one NFC leaves alone, and
    /// the quick check (composition exclusion) must say what Foundation's NFC does.
    @Test func scalarsMarkedNFCSafeAreTheirOwnNFC() {
        var changing = 0
        // The table, and beyond it the blocks whose entries are made as they are met.
        let values = Array(0 ..< ScalarTable.tableLimit) + Array(stride(from: ScalarTable.tableLimit, to: 0x30000, by: 7))
        for value in values {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let single = String(Character(scalar))
            let changes = !single.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(single.unicodeScalars)
            if changes {
                changing += 1
                #expect(ScalarTable.shared.entry(value).nfcUnsafe, "U+\(String(value, radix: 16))")
            }
            if scalar.properties.canonicalCombiningClass == .notReordered {
                #expect(scalar.properties.isFullCompositionExclusion == changes, "U+\(String(value, radix: 16))")
            }
        }
        #expect(changing > 50)  // singletons such as U+212B ANGSTROM SIGN, and U+0340, U+0958 …
    }
}

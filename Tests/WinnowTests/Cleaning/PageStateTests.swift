import Testing
@testable import Winnow

@Suite struct PageStateTests {
    private func ending(_ text: String) -> BlockEnding { PageState.ending(of: ArraySlice(Array(text.utf8))) }

    @Test func endingsAreReadFromTheLastVisibleScalar() {
        #expect(ending("Người dân Đà Nẵng đón Tết.") == .period)
        #expect(ending("Xem thêm:  ") == .period)
        #expect(ending("Tin nóng hôm nay…") == .ellipsis)
        #expect(ending("Read more...") == .ellipsis)
        #expect(ending("Bạn nghĩ sao?\u{A0}") == .exclamation)
        #expect(ending("Ông nói: “Tốt lắm!”") == .exclamation)
        #expect(ending("Hà Nội") == .word)
        #expect(ending("Thủ đô Hà Nội (Việt Nam)") == .word)
        #expect(ending("Giá tăng 100%") == .other)
        #expect(ending("Năm 2024\u{200B}") == .word)
        #expect(ending("中文新闻") == .word)
        #expect(ending("Tin vắn 👍") == .other)
        #expect(ending("   ") == .other)
        #expect(ending("") == .other)
    }

    /// The scalar table answers without Unicode properties; the answer must
    /// be the properties' all the same (letters and digits end in a word).
    @Test func asciiEndingsAgreeWithUnicodeProperties() {
        let special = Set(" \t\"').]…:;,!?".unicodeScalars)
        for value in UInt32(0x21) ... 0x7E {
            let scalar = Unicode.Scalar(value)!
            guard !special.contains(scalar) else { continue }
            let letterOrDigit = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            #expect(ending("Tin " + String(scalar)) == (letterOrDigit ? .word : .other), "\(scalar)")
            #expect(ending("Tin " + String(scalar) + "”") == .word, "\(scalar) in quotes")
        }
        #expect(ending("Chương Ⅻ") == .word)  // a numeric letter, through the properties
        #expect(ending("Bản quyền ©") == .other)
        // Every scalar of the table, and some above it.
        for value in UInt32(0) ..< 0x3200 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let letterOrNumber = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            #expect(ScalarTable.shared.isAlphanumeric(scalar) == letterOrNumber, "U+\(String(value, radix: 16))")
        }
    }
}

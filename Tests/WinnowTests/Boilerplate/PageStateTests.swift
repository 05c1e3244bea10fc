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
}

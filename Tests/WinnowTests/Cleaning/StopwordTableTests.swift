import Testing
@testable import Winnow

/// `StopwordTable` finds a page's language by its function words: a
/// sentence of news prose in each language with a list is that language's,
/// and mostly made of its words; a menu in it is not.
@Suite struct StopwordTableTests {
    static let prose: [(code: String, text: String)] = [
        ("en", "The minister said that the plan would be ready by the end of the year, but that there was still a lot to do."),
        ("de", "Der Minister sagte, dass der Plan bis zum Ende des Jahres fertig sein werde, aber es sei noch viel zu tun."),
        ("vi", "Bộ trưởng cho biết kế hoạch sẽ được hoàn thành vào cuối năm nay, nhưng vẫn còn nhiều việc phải làm."),
        ("ru", "Министр заявил, что план будет готов до конца года, но что ещё многое нужно сделать, и это уже ясно."),
        ("uk", "Міністр заявив, що план буде готовий до кінця року, але ще багато чого треба зробити, і це вже відомо."),
        ("bg", "Министърът каза, че планът ще бъде готов до края на годината, но че има още много да се направи."),
        ("sh", "Ministar je rekao da će plan biti gotov do kraja godine, ali da još mnogo toga treba učiniti."),
        ("el", "Ο υπουργός είπε ότι το σχέδιο θα είναι έτοιμο έως το τέλος του έτους, αλλά ότι υπάρχουν ακόμη πολλά να γίνουν."),
        ("ar", "قال الوزير إن الخطة ستكون جاهزة في نهاية العام، لكن هناك الكثير من العمل الذي لم ينته بعد."),
        ("fa", "وزیر گفت که این طرح تا پایان سال آماده خواهد شد، اما هنوز کارهای زیادی باید انجام شود."),
        ("he", "השר אמר כי התוכנית תהיה מוכנה עד סוף השנה, אבל יש עוד הרבה עבודה לפני שזה יקרה."),
        ("hi", "मंत्री ने कहा कि यह योजना साल के अंत तक तैयार हो जाएगी, लेकिन अभी भी बहुत काम करना बाकी है।"),
        ("bn", "মন্ত্রী বলেন, এই পরিকল্পনা বছরের শেষে প্রস্তুত হবে, কিন্তু এখনও অনেক কাজ বাকি আছে এবং তা করা হবে।"),
        ("zh", "部长说，这个计划将在年底之前完成，但是还有很多工作要做，我们会继续努力。"),
        ("ja", "大臣は、この計画は年末までに完成するが、まだ多くの作業が残っていると述べた。"),
        ("ko", "그는 이 문제에 대한 정부의 입장이 있다고 말했지만 그러나 또한 더 많은 것이 필요하다고 했다."),
    ]

    static func entries(_ text: String, _ table: StopwordTable) -> [UInt32] {
        CueMatcher.tokenHashes(text, LineAnalyzer()).map { table.entry($0) }
    }

    @Test(arguments: prose.map(\.code))
    func proseIsItsLanguagesAndMostlyItsFunctionWords(code: String) throws {
        let table = StopwordTable.shared
        let text = try #require(Self.prose.first { $0.code == code }).text
        let entries = Self.entries(text, table)
        let language = table.dominantLanguage(entries)
        try #require(language != 0, "no language found in: \(text)")
        #expect(table.codes[language.trailingZeroBitCount] == code)
        let share = Double(entries.filter { $0 & language != 0 }.count) / Double(entries.count)
        #expect(share >= 0.2, "\(code): function words \(share) of the tokens")
    }

    /// Calls to the reader are found in their languages; the address bit is
    /// one for all languages, so no word of it is a common word of another
    /// ("er" is German for "he", "del" Spanish for "of the", "dit" French for "said").
    @Test func readerAddressIsFoundAndNotInOtherLanguagesWords() {
        let table = StopwordTable.shared
        for prompt in ["Подпишитесь на нашу рассылку и оставьте комментарий", "Prenumerera på vårt nyhetsbrev och dela",
                       "Bizi takip edin ve yorum yazın", "اشترك في النشرة وشارك رأيك", "您可以在这里订阅"] {
            #expect(Self.entries(prompt, table).contains { $0 & StopwordTable.addressBit != 0 }, "\(prompt)")
        }
        for prose in ["Er sagte, dass er kommt.", "El presidente del gobierno habló.", "Il a dit que le projet avance."] {
            #expect(!Self.entries(prose, table).contains { $0 & StopwordTable.addressBit != 0 }, "\(prose)")
        }
    }

    @Test func aMenuHasNoLanguage() {
        let table = StopwordTable.shared
        for menu in ["Главная Новости Политика Экономика Спорт Культура", "首页 新闻 财经 体育 娱乐 科技 汽车",
                     "Home News Politics Business Sport Culture Weather"] {
            #expect(table.dominantLanguage(Self.entries(menu, table)) == 0, "\(menu)")
        }
    }
}

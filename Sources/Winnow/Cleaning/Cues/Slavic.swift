// Russian, Ukrainian, Bulgarian, Polish, Czech and Serbo-Croatian (both
// scripts) cue phrases, for dumps of sites in those languages. See
// CuePhrases for how they are matched.
extension CuePhrases {
    static let slavic = CuePhrases(
        sections: [
            "читайте также", "смотрите также", "похожие новости", "другие новости", "новости по теме", "по теме",
            "похожие статьи", "материалы по теме", "самое читаемое", "популярное", "читать далее", "последние новости",
            "читайте також", "дивіться також", "новини за темою", "схожі новини", "інші новини", "популярне",
            "останні новини", "прочетете още", "още по темата", "свързани новини", "най четени",
            "czytaj także", "czytaj też", "zobacz także", "zobacz też", "powiązane artykuły", "najczęściej czytane",
            "czytaj więcej", "čtěte také", "související články", "mohlo by vás zajímat", "nejčtenější",
            "pročitajte još", "pročitajte i", "povezane vijesti", "povezani članci", "najčitanije",
            "прочитајте још", "повезане вести", "најчитаније",
        ],
        appeals: [
            "подписывайтесь на", "подпишитесь на", "следите за нами", "підписуйтесь на", "стежте за нами",
            "obserwuj nas", "sledujte nás", "pratite nas",
        ],
        bylines: ["автор", "источник", "джерело", "източник", "autor", "źródło", "zdroj", "izvor", "аутор", "извор"],
        credits: ["фото", "фотография", "иллюстрация", "ілюстрація", "снимка", "fot", "zdjęcie", "snímek"],
        labels: ["читайте", "смотрите", "видео", "дивіться", "відео", "czytaj", "zobacz", "wideo", "čtěte"]
    )
}

// Arabic, Persian, Hebrew, Turkish and Greek cue phrases, for dumps of sites
// in those languages. See CuePhrases for how they are matched.
extension CuePhrases {
    static let middleEastern = CuePhrases(
        sections: [
            "اقرأ أيضا", "اقرأ أيضاً", "أخبار ذات صلة", "مواضيع ذات صلة", "الأكثر قراءة", "اقرأ المزيد", "شاهد أيضا",
            "بیشتر بخوانید", "مطالب مرتبط", "اخبار مرتبط", "پربازدیدترین", "כתבות נוספות", "קראו גם", "כתבות קשורות",
            "ilgili haberler", "çok okunanlar", "diğer haberler", "benzer haberler", "διαβάστε επίσης",
            "δείτε επίσης", "σχετικά άρθρα", "δημοφιλή",
        ],
        appeals: ["تابعونا على", "ما را دنبال کنید", "bizi takip edin", "ακολουθήστε μας"],
        bylines: ["المصدر", "منبع", "kaynak", "πηγή"],
        credits: ["صورة", "عکس", "צילום", "fotoğraf", "φωτογραφία"],
        labels: ["اقرأ", "شاهد", "فيديو", "διαβάστε", "δείτε", "izle", "oku"]
    )
}

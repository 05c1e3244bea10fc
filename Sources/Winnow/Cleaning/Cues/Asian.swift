// Chinese (simplified and traditional), Japanese, Korean, Hindi and Bengali
// cue phrases. Han and kana are a token a character, so a phrase here is
// matched character by character; single characters are left out, as they
// open too many sentences. See CuePhrases for how they are matched.
extension CuePhrases {
    static let asian = CuePhrases(
        sections: [
            "相关新闻", "相關新聞", "相关阅读", "相關閱讀", "延伸阅读", "延伸閱讀", "推荐阅读", "推薦閱讀", "相关文章",
            "相關文章", "热门推荐", "熱門推薦", "更多新闻", "更多新聞", "関連記事", "関連ニュース", "おすすめ記事",
            "人気記事", "あわせて読みたい", "관련기사", "관련 기사", "관련 뉴스", "많이 본 뉴스", "인기 기사",
            "यह भी पढ़ें", "ये भी पढ़ें", "संबंधित खबरें", "और पढ़ें", "আরও পড়ুন", "আরো পড়ুন", "সম্পর্কিত খবর",
            "আরও খবর", "আরো খবর",
        ],
        appeals: ["关注我们", "關注我們", "フォローする", "구독하기"],
        bylines: ["来源", "來源", "作者", "责任编辑", "責任編輯", "编辑", "編輯", "出典", "출처", "स्रोत"],
        credits: ["图片", "圖片", "图片来源", "圖片來源", "摄影", "攝影", "写真", "撮影", "사진", "फोटो", "ছবি"],
        labels: ["视频", "視頻", "動画"]
    )
}

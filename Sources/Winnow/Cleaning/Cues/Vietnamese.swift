// Vietnamese cue phrases. See CuePhrases for how they are matched.
extension CuePhrases {
    static let vietnamese = CuePhrases(
        sections: [
            "tin liên quan", "tin cùng chuyên mục", "tin khác", "bài liên quan", "xem thêm", "đọc thêm",
            "tin mới", "tin nổi bật", "tin đọc nhiều", "có thể bạn quan tâm", "bình luận", "chia sẻ",
        ],
        appeals: [
            "mời quý độc giả", "mời bạn đọc", "theo dõi chúng tôi", "đăng ký", "tải ứng dụng", "quảng cáo",
        ],
        bylines: ["theo", "nguồn", "tác giả", "bài và ảnh", "ảnh và bài"],
        credits: ["ảnh", "nguồn", "ảnh minh họa", "ảnh minh hoạ", "ttxvn", "clip"],
        labels: ["xem", "đọc", "video", "clip"]
    )
}

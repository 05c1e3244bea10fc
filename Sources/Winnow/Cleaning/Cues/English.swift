// English cue phrases. See CuePhrases for how they are matched.
extension CuePhrases {
    static let english = CuePhrases(
        sections: [
            "related", "related coverage", "related articles", "related stories", "related news",
            "read more", "read also", "see also", "more on this", "more from", "more stories",
            "recommended", "you may also like", "you might also like", "most read", "most popular",
            "latest news", "top stories", "trending", "comments", "share this", "tags",
            "also read", "read next", "more news", "most viewed", "you may be interested in", "popular posts",
            "recent posts", "related posts", "latest stories", "recommended for you", "further reading",
            "more like this", "don't miss", "editor's picks", "see more",
            "next article", "previous article", "next post", "previous post", "older post", "newer post", "older posts",
            "newer posts", "leave a comment", "leave a reply", "post a comment", "add a comment", "join the discussion",
        ],
        appeals: [
            "join us", "become a member", "follow us", "subscribe", "sign up", "support our journalism",
            "a message from", "donate", "click here", "download our app", "advertisement",
        ],
        bylines: ["by", "source", "reporting by", "written by", "edited by", "copyright", "posted by"],
        credits: [
            "photo", "photos", "photograph", "video", "image", "picture", "credit", "courtesy", "file photo",
            "afp", "ap", "reuters", "getty", "getty images", "epa", "xinhua", "shutterstock", "istock",
            "ap photo", "afp photo", "pool", "handout",
        ],
        labels: ["read", "watch", "listen", "more", "see", "podcast", "gallery"]
    )
}

// French, German, Spanish, Italian and Portuguese cue phrases (and a few
// words of other languages of Europe), for dumps of sites in those
// languages. See CuePhrases for how they are matched.
extension CuePhrases {
    static let european = CuePhrases(
        sections: [
            "à lire aussi", "lire aussi", "articles liés", "sur le même sujet", "mehr zum thema", "lesen sie auch",
            "das könnte sie auch interessieren", "noticias relacionadas", "te puede interesar", "lee también",
            "leggi anche", "articoli correlati", "leia também", "notícias relacionadas", "veja também",
            "voir aussi", "à voir aussi", "vous aimerez aussi", "lire la suite", "les plus lus",
            "weitere artikel", "weiterlesen", "auch interessant", "ähnliche artikel", "weitere nachrichten",
            "das könnte dich auch interessieren", "neueste artikel", "mehr aus", "mehr lesen", "lesen sie mehr",
            "meistgelesen", "lea también", "lea más", "lee más", "vea también", "ver también", "le puede interesar",
            "también te puede interesar", "más noticias", "lo más leído", "ti potrebbe interessare",
            "potrebbe interessarti", "leggi di più", "più letti", "leia mais", "saiba mais", "veja mais", "mais lidas",
            "weitere beiträge", "nächster artikel", "vorheriger artikel", "nächster beitrag", "vorheriger beitrag",
            "meist diskutiert", "article suivant", "article précédent", "artículo siguiente", "artículo anterior",
            "articolo successivo", "articolo precedente", "schreibe einen kommentar", "hinterlasse einen kommentar",
            "kommentar schreiben", "laisser un commentaire", "deja un comentario", "dejar un comentario", "lascia un commento",
            "deixe um comentário", "deixe uma resposta",
        ],
        appeals: [
            "suivez nous", "abonnez vous", "folgen sie uns", "abonnieren sie", "síguenos", "suscríbete",
            "seguici", "iscriviti", "siga nos", "assine",
        ],
        bylines: ["par", "von", "por", "di", "fonte", "quelle", "fuente", "geschrieben von", "veröffentlicht von", "publié par",
                  "publicado por", "pubblicato da"],
        credits: ["foto", "fotos", "bild", "crédit photo", "crédits", "bildquelle", "imagen", "immagine", "créditos", "abbildung",
                  "kuva"],
        labels: ["lea", "lee", "mira", "vea", "ve", "escucha", "lire", "voir", "écouter", "vidéo", "lesen sie", "mehr dazu", "siehe auch", "video", "podcast", "bildergalerie", "hören sie", "leggi", "guarda", "ascolta", "leia", "veja", "assista", "ouça", "vídeo"]
    )
}

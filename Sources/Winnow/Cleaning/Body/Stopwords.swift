/// The commonest function words of the languages Winnow knows, for telling
/// prose from labels: a sentence of any length is mostly made of them, a
/// menu, a name or a headline mostly not. Data only, one list a language;
/// matched on folded tokens (case and Unicode form ignored).
enum Stopwords {
    static let lists: [(language: String, words: String)] = [
        ("en", "the of and to a in is it that for on was with he as are be at by this have from or an they which you were her his she has had not but we their been its will would there who all one so more also can if than about when into them what out only up said after other"),
        ("de", "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr durch man sein wurde sei ich wir"),
        ("fr", "de la le et les des en du un une est que pour qui dans a par sur pas plus au il ne se ce avec sont sa son ont aux mais ou elle nous été leur cette comme on être ses je vous fait y"),
        ("es", "de la que el en y a los del se las por un para con no una su al es lo como más pero sus le ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde han quien desde todo nos durante fue ha"),
        ("it", "di e il la che in a per un è del non una le da si con i al della sono lo gli come ha più ma anche nel alla dei se ci o questo delle nella suo sua dal essere stato"),
        ("pt", "de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das tem à seu sua ou ser quando muito há nos já está também pelo pela"),
        ("nl", "de en van het een in is dat op te zijn voor met die niet aan er als ook om maar bij dan nog wordt door naar uit tot over hij ze je wel heeft werd zo was"),
        ("pl", "i w na z się nie do to że jest o jak a po co ale tak za od przez dla są jego już jej by tylko może być przy czy ich tym też oraz było"),
        ("vi", "của và các là có được cho trong không với một những này đã người để đến khi theo từ tại thì về cũng năm ra như sẽ còn nhưng vào đó lại đang nhiều bị sau"),
        ("hu", "a az és hogy nem is egy meg van ez de volt már csak még mint el ki be fel azt vagy ha kell pedig lesz után szerint lehet majd ezt sem mert"),
        ("sv", "och i att det som en på är av för med till den har de inte om ett han men var jag sig från vi så kan man när år säger hon under också efter"),
        ("da", "og i at det en den til er som på de med han af for ikke der var mig sig men et har om vi min havde ham hun nu over da fra du ud"),
        ("cs", "a se na je že v to s z do o k jsou ve i jako by ale za jak po od pro které který jeho byl jsem už podle také při však tak bylo"),
        ("fi", "ja on ei se että oli hän ovat kuin mutta myös joka jo tai niin kun ole sen sekä vain nyt vielä ollut olla voi mukaan jälkeen"),
        ("ro", "și de în a la cu nu pe o un ca din care să mai este se că pentru au fost sau dar ce sunt fi lui acest după prin"),
        ("tr", "ve bir bu da de için ile olarak çok daha en gibi ama o ne var olan her kadar sonra ki mi şey ya göre ise"),
        ("id", "yang dan di dari ini itu dengan untuk tidak dalam akan pada juga ke karena ada oleh mereka saya sudah telah bisa atau kami lebih"),
        ("ru", "и в не на что с как а то по это она к но они мы из у за от же так о все бы его для был вы до только её мне было вот когда уже или даже ни если нет себя при их чтобы этот может будет после также который которые которая были более где этого том того"),
        ("uk", "і в не на що з та як у до за по це він вона але ми ви від для так його її вже було були був буде які який яка також коли якщо або навіть тільки ще при про чи щоб між після через цей ця ці їх том того"),
        ("bg", "и на в за да се от с не е че по са като но до ще това той тя те ги го му им ли беше бил била което който която които при след също още само или както когато между тази този тези"),
        // Serbo-Croatian (Bosnian, Croatian, Montenegrin, Serbian), in both scripts.
        ("sh", "i u je da se na za su od s ne o kao što ali iz koji koja koje to po sa bi bio bila bilo će nije ili još pa samo kada ga mu im ih te tako biti već prema nakon zbog и у је да се на за су од с не о као што али из који која које то по са би био била било ће није или још па само када га му им их те тако бити већ према након због"),
        ("el", "και το της η ο να την του σε με των για από στο που τα είναι θα στην οι δεν τον ότι στη ένα μια ως αλλά ή στα στον αυτό αυτή κατά μετά επίσης όπως έχει έχουν ήταν πιο"),
        ("ar", "في من على إلى أن عن مع هذا هذه التي الذي كان كانت قد لا ما هو هي ذلك بين كل بعد عند أو ثم حتى إذا لم لن كما وقد وأن أي منذ غير تلك هناك لكن خلال حيث وفي ومن إن"),
        ("fa", "و در به از که این را با است برای آن یک تا هم شده بر شود کرد یا نیز اما دارد کند بود باید پس اگر همه چه خود وی او ما می"),
        ("he", "של את על לא עם זה כי גם הוא היא אם או כל יש אבל רק היה אני מה אל עוד אחרי לפני בין כמו אשר הם הן זו שלא אין כך"),
        ("hi", "का के की है में और को से पर यह कि एक था थी थे हैं ने भी तो ही या इस उस वह लिए साथ कर गया किया होता होती कुछ अपने जो तक नहीं जा रहा रही हो"),
        ("bn", "ও এবং এই একটি করে করা হয় থেকে জন্য না সে তিনি যে তার এক আর কিন্তু হবে ছিল হয়েছে পর দিয়ে নিয়ে কোন সাথে বলে মধ্যে এ তা সব"),
        ("zh", "的 了 是 在 和 有 不 这 這 也 就 都 而 及 与 與 着 或 但 被 从 從 把 对 對 为 為 以 之 其 中 上 我 他 她 你 们 們 个 個 一 到 说 說 要 会 會 将 將 于 於 由 等 又 所 很"),
        ("ja", "の に は を が で と も た て し な る か ら い れ だ す こ そ あ う ま ど へ や ず ん"),
        ("ko", "이 그 저 것 수 등 및 더 또 또한 그리고 하지만 그러나 또는 있다 있는 있고 하는 한 할 했다 한다 된 될 되는 위해 대한 통해 같은 이런 그런 때 중 후 전 그는 우리 것은 것이 것을 없는 없다 아니라 않는 않고"),
    ]
}

/// Words that address the reader or speak for the site: the pronouns and
/// verbs of calls to action ("you", "our", "subscribe"), in the languages
/// of ``Stopwords``. Newsletter prompts, membership appeals, cookie notices
/// and comment forms are written in them; news prose seldom is.
enum ReaderAddress {
    static let lists: [(language: String, words: String)] = [
        ("en", "you your yours we our us subscribe sign click join follow share newsletter cookies login register comment comments please"),
        ("de", "sie ihr ihre ihnen du dein deine dich dir wir unser unsere uns abonnieren anmelden newsletter cookies klicken kommentar kommentare teilen folgen bitte registrieren"),
        ("fr", "vous votre vos nous notre nos abonnez inscrivez newsletter cookies cliquez commentaire commentaires partager suivez connectez"),
        ("es", "usted ustedes tu tus nosotros nuestro nuestra nuestros suscríbete suscribirse newsletter cookies clic haga comentario comentarios compartir síguenos regístrate"),
        ("it", "voi vostro vostra noi nostro nostra iscriviti newsletter cookie clicca commento commenti condividi seguici"),
        ("pt", "você vocês seu sua nós nosso nossa assine inscreva newsletter cookies clique comentário comentários compartilhe siga"),
        ("nl", "u uw jij jouw wij ons onze abonneer nieuwsbrief cookies klik reactie reacties deel volg"),
        ("pl", "ty twój wasz my nasz nasza subskrybuj newsletter cookies kliknij komentarz komentarze udostępnij obserwuj"),
        ("vi", "bạn quý độc giả chúng tôi đăng ký theo dõi bình luận chia sẻ nhấn"),
        // Below: none that is a function word of another listed language
        // or a common word of one ("du", "er", "vi", "del", "te", "mi", French
        // "dit"), as the bit is the same for all.
        ("ru", "вы ваш ваша ваше ваши вас вам мы наш наша наши нас подписаться подпишитесь войти зарегистрироваться комментарий комментарии поделиться нажмите"),
        ("uk", "ви ваш ваша ваші вас вам ми наш наша наші нас підписатися підпишіться увійти зареєструватися коментар коментарі поділитися натисніть"),
        ("cs", "váš vaše vás vám náš naše nás přihlásit odebírat komentář komentáře sdílet klikněte"),
        ("sv", "ditt dina vår vårt våra oss prenumerera logga registrera kommentar kommentarer dela klicka"),
        ("da", "dine jeres vores abonner tilmeld kommentar kommentarer klik"),
        ("fi", "sinä sinun teidän meidän tilaa kirjaudu rekisteröidy kommentti kommentit jaa klikkaa"),
        ("hu", "ön önök feliratkozás bejelentkezés regisztráció hozzászólás hozzászólások megosztás kattintson"),
        ("ro", "tu dumneavoastră noi nostru noastră abonează autentificare comentariu comentarii distribuie"),
        ("tr", "siz sizin senin biz bizim abone giriş kayıt yorum yorumlar paylaş tıklayın"),
        ("id", "anda kamu kami kita berlangganan masuk daftar komentar bagikan klik"),
        ("el", "εσείς σας εσύ σου εμείς μας εγγραφείτε σύνδεση σχόλιο σχόλια κοινοποίηση πατήστε"),
        ("ar", "أنت أنتم لك لكم نحن لنا اشترك تسجيل تعليق تعليقات شارك اضغط"),
        // Han is a token a character: only the characters that are "you" alone.
        ("zh", "您 你"),
    ]
}

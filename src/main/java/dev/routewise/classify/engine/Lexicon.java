package dev.routewise.classify.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The signal tier's fixed vocabulary: words (with their common inflections) mapped to {@link Cue}
 * groups, multi-word phrases, words that hint at a language, and CJK keywords. Built once; read-only.
 * English plus the most common intent verbs in German, French, Spanish, Portuguese, Italian, Dutch,
 * Russian, Chinese and Japanese, so that non-English prompts keep their task.
 */
final class Lexicon {

    static final String[] LATIN_LANGUAGES = {"en", "de", "fr", "es", "pt", "it", "nl"};
    static final Lexicon INSTANCE = new Lexicon();

    /** Word to bit set of cues. */
    final Map<String, Long> words = new HashMap<>(4096);
    /** Multi-word phrases and their cues, matched on the lower-cased text. */
    final List<String> phrases = new ArrayList<>();
    final List<Long> phraseCues = new ArrayList<>();
    /** Phrase indexes by their first word, so phrases are matched only where that word occurs. */
    final Map<String, int[]> phrasesByFirstWord = new HashMap<>();
    /** CJK substrings (no spaces between words there). */
    final List<String> cjk = new ArrayList<>();
    final List<Long> cjkCues = new ArrayList<>();
    /** Latin-script stop words by language, to tell English from other languages. */
    final Map<String, Integer> stopWords = new HashMap<>(512);
    /** Words that open a request without saying what it is ("please", "can you"). */
    final Set<String> fillers = new java.util.HashSet<>(java.util.Arrays.asList("please", "pls", "can", "could", "would", "will", "you", "i", "i'd", "i'm",
            "need", "want", "help", "me", "to", "hi", "hey", "hello", "kindly", "let's", "lets", "let", "us", "we",
            "ok", "okay", "so", "now", "also", "quickly", "just", "and", "a", "an", "the", "bitte", "kannst", "du",
            "mir", "peux", "tu", "moi", "puedes", "por", "favor", "pode", "você", "potresti", "per"));
    /** File extensions that make a token a file name. */
    final Set<String> fileExtensions = new java.util.HashSet<>(java.util.Arrays.asList("py", "java", "js", "mjs", "ts", "tsx", "jsx", "go", "rs", "rb", "php",
            "c", "cc", "cpp", "h", "hpp", "cs", "kt", "kts", "swift", "scala", "sql", "sh", "bash", "zsh", "ps1",
            "yaml", "yml", "json", "xml", "toml", "ini", "gradle", "html", "css", "scss", "vue", "svelte", "tf",
            "lock", "properties", "env", "dart", "lua", "r", "ipynb", "proto", "graphql", "dockerfile", "cfg", "conf",
            "csproj", "sln", "mod", "ex", "exs", "erl", "hs", "ml", "clj", "pl", "m", "vb", "asm", "s"));

    private Lexicon() {
        verbs(Cue.WRITE, "write create generate make build compose draft produce develop implement add code program "
                + "construct convert port rewrite refactor setup set configure automate");
        exact(Cue.WRITE, "schreibe schreib erstelle erstellen programmiere implementiere écris écrire rédige crée créer "
                + "génère escribe escribir crea crear genera escreva escrever crie criar gere scrivi scrivere crea "
                + "creare genera schrijf maak напиши написать создай сделай реализуй");
        verbs(Cue.FIX, "fix debug repair resolve troubleshoot diagnose patch");
        exact(Cue.FIX, "behebe beheben repariere korrigiere corrige corriger répare arregla arreglar corrige corrija "
                + "conserta correggi risolvi repareer исправь исправить почини");
        verbs(Cue.EXPLAIN, "explain describe clarify elaborate illustrate teach walk");
        exact(Cue.EXPLAIN, "why erkläre erklär erklären explique expliquer explica explicar explique spiega spiegami "
                + "leg uitleggen объясни объяснить расскажи почему warum pourquoi por qué perché waarom");
        verbs(Cue.REVIEW, "review audit critique inspect lint proofread assess");
        exact(Cue.REVIEW, "überprüfe prüfe begutachte révise relis examine revisa revise rivedi controlla "
                + "beoordeel проверь оцени ревью");
        verbs(Cue.TRANSLATE, "translate localize localise");
        exact(Cue.TRANSLATE, "translation translations translator übersetze übersetzen übersetzung übersetz traduis "
                + "traduire traduction traduce traducir traducción traduza traduzir tradução traduci tradurre "
                + "traduzione vertaal vertalen vertaling переведи перевести перевод");
        verbs(Cue.SUMMARIZE, "summarize summarise condense recap shorten abridge distill distil");
        exact(Cue.SUMMARIZE, "summary summaries tldr tl;dr gist synopsis abstract recap overview takeaways "
                + "zusammenfassen zusammenfassung fasse résume résumer résumé resumen resume resumir resuma "
                + "riassumi riassunto sintetizza samenvatten samenvatting vat перескажи кратко резюме суммируй");
        verbs(Cue.PLAN, "plan design architect outline schedule organize organise prioritize prioritise structure "
                + "roadmap strategize propose");
        exact(Cue.PLAN, "planung plane entwirf entwerfe planifie planifier conçois planifica planear diseña diseñar "
                + "planeje planejar pianifica progetta спланируй спроектируй план");
        verbs(Cue.ANALYZE, "analyze analyse compare contrast evaluate examine investigate assess weigh interpret "
                + "break");
        exact(Cue.ANALYZE, "analysis analytical versus vs vs. pros cons tradeoffs trade-offs tradeoff implications "
                + "analysiere vergleiche analyse analyser compare comparer analiza analizar compara comparar "
                + "analise analisar analizza confronta analyseer vergelijk проанализируй сравни анализ");
        verbs(Cue.SOLVE, "solve calculate compute prove derive simplify integrate differentiate factor factorize "
                + "evaluate estimate");
        exact(Cue.SOLVE, "berechne löse beweise calcule calculer résous résoudre démontre calcula calcular resuelve "
                + "resolver demuestra calcule resolva calcola risolvi dimostra bereken los reken вычисли посчитай "
                + "реши решить докажи");
        verbs(Cue.IMAGINE, "imagine pretend roleplay brainstorm invent rhyme act");
        exact(Cue.IMAGINE, "role-play stell imagine imagina immagina представь придумай");

        exact(Cue.ASK_FACT, "what who whom when where which whose define definition meaning means capital "
                + "was wer wann wo welche qu'est-ce quel quelle quand où qui qué cuál cuándo dónde quién "
                + "quem quando onde qual cosa chi dove quale wat wie wanneer waar что кто когда где какой какая");
        nouns(Cue.CODE_NOUN, "function method class code script program api endpoint sql query regex regexp "
                + "json yaml dockerfile bash shell algorithm library module component database schema cli compiler "
                + "variable array dict dictionary hashmap lambda async thread http css html frontend backend "
                + "repository repo commit branch merge unit test junit pytest jest mock snippet loop recursion "
                + "string integer boolean struct interface enum constructor controller servlet bean annotation "
                + "dependency package npm maven gradle pip webpack server client socket request response parser "
                + "decorator generator iterator closure callback promise coroutine goroutine pointer "
                + "macro template widget hook selector container kubernetes pod deployment helm terraform "
                + "pipeline workflow ci cron crontab makefile linter formatter orm migration datatable table "
                + "column index trigger view procedure spreadsheet formula excel vba spring vaadin react vue "
                + "angular django flask fastapi express node nodejs deno bun jquery pandas numpy dataframe "
                + "tensorflow pytorch git github docker nginx apache redis kafka postgres postgresql mysql sqlite "
                + "mongodb elasticsearch graphql grpc rest websocket oauth jwt csv xml parse");
        exact(Cue.CODE_NOUN, "funktion klasse methode skript fonction classe méthode código función clase método "
                + "função classe funzione codice codice functie klasse функцию функция класс код скрипт");
        exact(Cue.PROG_LANGUAGE, "python java javascript typescript rust go golang kotlin swift scala ruby php perl c "
                + "c++ cpp c# csharp haskell elixir erlang clojure lua dart julia matlab fortran cobol r zig nim "
                + "ocaml f# groovy powershell bash sql assembly solidity");
        nouns(Cue.ERROR_NOUN, "error exception traceback stacktrace crash bug failure segfault panic warning "
                + "timeout leak deadlock regression");
        exact(Cue.ERROR_NOUN, "fails failing failed broken null undefined nan wrong incorrect unexpected hangs hang "
                + "hanging freezes frozen stuck doesn't won't isn't can't cannot didn't not_working throws thrown "
                + "throwing raises raised errors crashed crashing 500 404 403 401 502 503 oom "
                + "fehler fehlermeldung absturz erreur plantage bogue falla fallo erro falha errore ошибка "
                + "ошибку падает баг");
        nouns(Cue.REVIEW_NOUN, "readability maintainability smell style convention idiom vulnerability "
                + "practice improvement feedback critique nitpick diff");
        exact(Cue.REVIEW_NOUN, "idiomatic clean cleaner pr pull secure insecure vulnerabilities improvements "
                + "suggestions");
        nouns(Cue.MATH_NOUN, "equation integral derivative probability prime theorem proof matrix polynomial "
                + "triangle angle area volume percent percentage ratio variance modulo factorial logarithm "
                + "series limit dice coin marble remainder geometry algebra calculus sum digit fraction "
                + "root square cube circle radius diameter perimeter hypotenuse vector eigenvalue determinant "
                + "inequality sequence permutation combination odds expectation mean median average "
                + "interest speed distance rectangle integer divisor multiple lcm gcd exponent parabola "
                + "function_of");
        exact(Cue.MATH_NOUN, "x y n sin cos tan log ln dx dy mod solve math maths mathematics mathematical "
                + "gleichung wahrscheinlichkeit équation probabilité ecuación probabilidad equação "
                + "probabilidade equazione probabilità vergelijking уравнение вероятность интеграл");
        nouns(Cue.CREATIVE_NOUN, "story poem haiku limerick sonnet lyric song joke slogan tagline caption fiction "
                + "character plot villain hero fairy tale verse rap ad advertisement copy dialogue scene novel "
                + "chapter bedtime fable ballad riddle pun toast speech screenplay monologue persona "
                + "name headline jingle metaphor narrative protagonist dragon wizard superhero");
        exact(Cue.CREATIVE_NOUN, "creative funny humorous whimsical poetic rhyming catchy fictional marketing "
                + "geschichte gedicht witz histoire poème blague historia poema chiste história piada "
                + "storia poesia barzelletta verhaal gedicht grap рассказ стих стихотворение шутку сказку");
        nouns(Cue.ANALYSIS_NOUN, "data trend dataset metric revenue growth cause effect impact factor difference "
                + "comparison advantage disadvantage economy market churn correlation statistic survey "
                + "performance cost benefit risk outcome consequence implication reason driver insight "
                + "sentiment pattern decline increase decrease");
        exact(Cue.ANALYSIS_NOUN, "better worse why how whether differences versus economic political social "
                + "historical ursachen auswirkungen causes conséquences causas consecuencias ventajas "
                + "desventajas причины последствия");
        nouns(Cue.PLAN_NOUN, "roadmap plan timeline milestone architecture migration strategy phase sprint quarter "
                + "okr launch rollout itinerary schedule curriculum syllabus onboarding blueprint backlog "
                + "budget agenda checklist step goal deadline week month");
        exact(Cue.PLAN_NOUN, "microservices scalable scalability high-availability step-by-step "
                + "fahrplan zeitplan calendrier planning cronograma calendario план");
        nouns(Cue.TEXT_NOUN, "article text passage paragraph document transcript email report paper thread essay "
                + "review post memo letter notes minutes abstract excerpt chapter book meeting conversation "
                + "message description press release");
        exact(Cue.TEXT_NOUN, "following below above this: text: artikel texte texto testo tekst статью текст");
        exact(Cue.SMALLTALK, "hi hello hey hiya howdy yo thanks thank thx ty morning evening afternoon night bye "
                + "goodbye cheers sup greetings hallo servus moin danke bonjour salut merci coucou hola gracias "
                + "olá oi obrigado obrigada ciao grazie buongiorno hoi dank привет здравствуйте спасибо");
        exact(Cue.LANGUAGE_NAME, "english french german spanish italian portuguese dutch chinese mandarin japanese "
                + "korean russian arabic polish turkish swedish norwegian danish finnish greek hindi hebrew "
                + "ukrainian czech vietnamese thai indonesian latin "
                + "englisch französisch deutsch spanisch italienisch anglais français allemand espagnol italien "
                + "inglés francés alemán español italiano inglês francês alemão espanhol inglese francese tedesco "
                + "spagnolo engels frans duits spaans английский немецкий французский испанский русский "
                + "englische deutsche französische spanische italienische inglese");
        exact(Cue.QUICK, "quick quickly brief briefly short shortly simple simply just one-line oneliner "
                + "one-liner tl;dr");
        exact(Cue.DEPTH, "detailed in-depth thorough thoroughly comprehensive exhaustive rigorous rigorously "
                + "carefully deep deeply extensive elaborate nuanced ausführlich detailliert gründlich détaillé "
                + "détaillée approfondi detallado detallada detalladamente exhaustivo detalhado detalhadamente "
                + "dettagliato approfondito gedetailleerd uitgebreid подробно подробный детально");
        exact(Cue.STAKES, "production prod critical urgent urgently outage outages incident customers customer "
                + "security compliance legal lawsuit medical patient patients mission-critical downtime "
                + "data-loss gdpr hipaa pci sla breach financial payroll payments safety emergency asap "
                + "live enterprise regulated audit");
        exact(Cue.CONSTRAINT, "must should without exactly only avoid ensure limit max maximum minimum min "
                + "at_least at_most under less fewer no_more format formatted words characters sentences "
                + "bullet bullets json table constraint constraints requirement requirements "
                + "strictly never always each every");
        exact(Cue.REASONING, "prove proof why derive derivation reason reasoning justify justification step steps "
                + "logic logical explain deduce infer therefore hence rigorous tradeoff tradeoffs trade-offs "
                + "implications consequences");
        exact(Cue.HARD_DOMAIN, "distributed concurrency concurrent consensus compiler kernel cryptography "
                + "cryptographic quantum optimization optimize asymptotic np-hard np-complete lock-free "
                + "theorem topology eigenvalue eigenvalues stochastic bayesian differential manifold raft paxos "
                + "byzantine transactional isolation linearizability vectorized simd gpu cuda latency "
                + "throughput scalability sharding replication formal verification");
        exact(Cue.FOLLOWUP, "now also again instead same it that this them those more shorter longer another redo "
                + "rewrite continue too version else different make do translate");

        phrase(Cue.WRITE, "write a", "write me", "can you write", "give me a", "generate a", "create a");
        phrase(Cue.FIX, "doesn't work", "does not work", "not working", "stopped working", "what's wrong",
                "what is wrong", "why does", "why is my", "how do i fix", "how to fix", "keeps failing",
                "wrong output", "getting an error", "get an error", "getting this error", "throws an");
        phrase(Cue.ERROR_NOUN, "stack trace", "null pointer", "out of memory", "segmentation fault",
                "doesn't work", "does not work", "not working", "core dumped", "exit code", "status code");
        phrase(Cue.REVIEW, "code review", "look over", "any issues", "any problems", "what could be improved",
                "can this be improved", "best practices", "is this code", "is this good", "is this correct",
                "feedback on", "how can i improve this");
        phrase(Cue.SUMMARIZE, "key points", "main points", "key takeaways", "in a nutshell", "sum up",
                "boil down", "action items", "bullet points", "in one sentence", "in two sentences",
                "in three sentences", "in a few sentences", "fasse zusammen", "fass zusammen", "en resumen", "tl;dr",
                "tl dr");
        // "in French" or "auf Deutsch" say which language to answer in, not that something is to be translated
        phrase(Cue.TRANSLATE, "into english", "into french", "into german", "into spanish", "into italian",
                "into japanese", "into chinese", "to english", "to french", "to german", "to spanish",
                "how do you say", "how do i say", "ins englische", "ins deutsche", "en anglais :", "al inglés",
                "al español", "para o inglês", "in inglese", "на английский", "на русский");
        phrase(Cue.PLAN, "step-by-step plan", "step by step plan", "migration plan", "project plan",
                "system design", "high level design", "high-level design", "go-to-market", "go to market",
                "action plan", "rollout plan", "how should i structure", "how should we structure",
                "how would you architect", "break down");
        phrase(Cue.ANALYZE, "pros and cons", "compare and contrast", "advantages and disadvantages",
                "trade-offs", "root cause", "what are the differences", "which is better", "what caused",
                "impact of", "effects of", "implications of", "in depth", "how does", "how do");
        phrase(Cue.SOLVE, "how many", "what is the probability", "find the value", "find all", "solve for",
                "what is the sum", "calculate the", "how much", "how long will", "what's the probability");
        phrase(Cue.IMAGINE, "pretend you are", "act as", "you are a", "role play", "come up with",
                "names for", "ideas for", "the role of", "take on the role", "assume the role", "play the role",
                "stay in character", "in character", "pretend to be", "pretend yourself", "imagine you are",
                "imagine yourself", "from now on you are", "you will act", "speak like", "respond as");
        phrase(Cue.ASK_FACT, "what is", "what's", "what are", "who is", "who was", "when was", "when did",
                "where is", "how tall", "how old", "how far", "what does", "define ");
        phrase(Cue.SMALLTALK, "how are you", "good morning", "good night", "thank you", "what's up",
                "nice to meet", "have a nice", "wie geht", "ça va", "qué tal", "tudo bem", "come stai");
        phrase(Cue.DEPTH, "step by step", "step-by-step", "in detail", "in depth", "deep dive", "thorough");
        phrase(Cue.STAKES, "in production", "data loss", "mission critical", "root access", "on call",
                "paying customers", "revenue loss", "security vulnerability", "zero downtime");
        phrase(Cue.CONSTRAINT, "at least", "at most", "no more than", "less than", "up to", "make sure",
                "do not", "don't", "must not", "should not", "in the style of");
        phrase(Cue.REASONING, "step by step", "show your work", "explain why", "think through", "walk me through",
                "reason about");
        phrase(Cue.FOLLOWUP, "now do", "do it", "do the same", "what about", "and in", "same for", "same thing",
                "make it", "can you also", "one more", "try again", "in rust", "in python", "in java",
                "in go", "in typescript", "in javascript", "in kotlin", "in c++", "instead of");

        cjk(Cue.TRANSLATE, "翻译", "翻譯", "翻訳", "译成", "訳して", "번역");
        cjk(Cue.EXPLAIN, "解释", "解釋", "説明", "为什么", "なぜ", "설명");
        cjk(Cue.WRITE, "写", "寫", "書いて", "作成", "编写", "作って", "작성");
        cjk(Cue.SUMMARIZE, "总结", "摘要", "概括", "要約", "まとめ", "요약");
        cjk(Cue.FIX, "修复", "修正", "解决", "直して", "수정");
        cjk(Cue.ERROR_NOUN, "错误", "報錯", "报错", "エラー", "异常", "バグ", "오류", "에러");
        cjk(Cue.CODE_NOUN, "代码", "函数", "程序", "コード", "関数", "プログラム", "코드", "함수");
        cjk(Cue.SOLVE, "计算", "計算", "求解", "证明", "解方程", "계산");
        cjk(Cue.MATH_NOUN, "方程", "概率", "確率", "积分", "三角形", "数学");
        cjk(Cue.CREATIVE_NOUN, "故事", "诗", "詩", "物語", "小说", "笑话", "이야기", "시를");
        cjk(Cue.PLAN, "计划", "規劃", "规划", "計画", "设计", "設計", "계획");
        cjk(Cue.ANALYZE, "分析", "比较", "比較", "优缺点", "분석");
        cjk(Cue.REVIEW, "审查", "レビュー", "检查", "리뷰");
        cjk(Cue.ASK_FACT, "什么", "是谁", "哪里", "何ですか", "とは", "무엇");
        cjk(Cue.SMALLTALK, "你好", "谢谢", "こんにちは", "ありがとう", "안녕", "감사");

        for (int i = 0; i < phrases.size(); i++) {
            int index = i;
            phrasesByFirstWord.merge(firstWord(phrases.get(i)), new int[]{index}, (a, b) -> {
                int[] merged = java.util.Arrays.copyOf(a, a.length + 1);
                merged[a.length] = b[0];
                return merged;
            });
        }

        stop("en", "the and is are of to in that it for you with this what how was be on not have do does my "
                + "i can an as at by from or your we they there which would should will about if");
        stop("de", "der die das und ist nicht ich ein eine zu mit wie was den dem des sie es auf für sich "
                + "auch noch wird sind bitte mein meine kann ob oder aber wenn");
        stop("fr", "le la les et est un une des je pour que qui dans pas ce cette sur avec mon ma mes vous "
                + "nous sont du au aux comment quoi peux faire");
        stop("es", "el la los las y es un una que de en por para con como qué mi mis está son del al se "
                + "lo le pero puedes hacer cómo");
        stop("pt", "o a os as e é um uma que de em para com como do da dos das não meu minha você isso está "
                + "são ao pelo pela");
        stop("it", "il lo la gli le e è un una che di per non con come mi mio mia sono della del questo "
                + "questa nel puoi");
        stop("nl", "de het een en is van niet ik dat wat hoe zijn op te voor met je mijn kun kan deze dit");
    }

    /** The first token of a phrase, cut the way {@link SignalExtractor} cuts tokens. */
    static String firstWord(String phrase) {
        int i = 0;
        while (i < phrase.length()) {
            char c = phrase.charAt(i);
            boolean joiner = (c == '\'' || c == '-' || c == '’') && i > 0 && i + 1 < phrase.length()
                    && (Character.isLetterOrDigit(phrase.charAt(i + 1)) || phrase.charAt(i + 1) == '_');
            if (!(Character.isLetterOrDigit(c) || c == '_' || joiner)) {
                break;
            }
            i++;
        }
        return phrase.substring(0, i);
    }

    private void verbs(Cue cue, String list) {
        for (String w : list.split("\\s+")) {
            for (String form : inflections(w)) {
                put(form, cue);
            }
        }
    }

    private void nouns(Cue cue, String list) {
        for (String w : list.split("\\s+")) {
            put(w, cue);
            put(w + "s", cue);
            put(w + "es", cue);
            if (w.endsWith("y")) {
                put(w.substring(0, w.length() - 1) + "ies", cue);
            }
        }
    }

    private void exact(Cue cue, String list) {
        for (String w : list.split("\\s+")) {
            put(w.replace('_', ' '), cue);
        }
    }

    private void phrase(Cue cue, String... list) {
        for (String p : list) {
            phrases.add(p);
            phraseCues.add(cue.bit);
        }
    }

    private void cjk(Cue cue, String... list) {
        for (String p : list) {
            cjk.add(p);
            cjkCues.add(cue.bit);
        }
    }

    private void stop(String language, String list) {
        int bit = 1 << java.util.Arrays.asList(LATIN_LANGUAGES).indexOf(language);
        for (String w : list.split("\\s+")) {
            stopWords.merge(w, bit, (a, b) -> a | b);
        }
    }

    private void put(String word, Cue cue) {
        words.merge(word, cue.bit, (a, b) -> a | b);
    }

    /** Common English inflections; over-generating is harmless for a lookup table. */
    private static List<String> inflections(String w) {
        List<String> forms = new ArrayList<>(12);
        forms.add(w);
        forms.add(w + "s");
        forms.add(w + "es");
        forms.add(w + "ed");
        forms.add(w + "ing");
        forms.add(w + "er");
        forms.add(w + "ers");
        if (w.endsWith("e")) {
            String stem = w.substring(0, w.length() - 1);
            forms.add(w + "d");
            forms.add(stem + "ing");
            forms.add(stem + "ation");
            forms.add(stem + "ations");
            forms.add(w + "r");
            forms.add(w + "rs");
        } else {
            forms.add(w + "ation");
            forms.add(w + "ion");
            if (w.matches(".*[^aeiou][aeiou][bdgmnprt]")) {
                char last = w.charAt(w.length() - 1);
                forms.add(w + last + "ed");
                forms.add(w + last + "ing");
                forms.add(w + last + "er");
            }
        }
        if (w.endsWith("y")) {
            String stem = w.substring(0, w.length() - 1);
            forms.add(stem + "ies");
            forms.add(stem + "ied");
        }
        if (w.endsWith("ize") || w.endsWith("ise")) {
            forms.add(w.substring(0, w.length() - 1) + "ation");
        }
        return forms;
    }
}

package dev.routewise.classify.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tier 2: reads a prompt once and returns its {@link Signals} and a feature vector for the linear
 * models. Hand-written scans, no regular expressions on the hot path; only the first and last words
 * of the prose are matched against the vocabulary, because that is where the instruction is, and
 * a pasted article should not vote with its own topic. Stateless and thread-safe.
 */
public final class SignalExtractor {

    /** Feature names, in vector order; the per-cluster keyword features come last. */
    static final List<String> FEATURE_NAMES;
    static final int F_CODE_BLOCK = 0, F_INLINE = 1, F_CODE_RATIO = 2, F_CODE_LINES = 3, F_FILE = 4, F_STACK = 5,
            F_ERROR_LINE = 6, F_LOG = 7, F_WORDS = 8, F_SHORT = 9, F_LONG = 10, F_DOCUMENT = 11, F_QUESTION = 12,
            F_ENDS_QUESTION = 13, F_WH_START = 14, F_NON_ENGLISH = 15, F_NON_LATIN = 16, F_FOREIGN_SEGMENT = 17,
            F_TARGET_LANGUAGE = 18, F_QUOTED = 19, F_MATH = 20, F_DIGITS = 21, F_GREETING = 22, F_LIST = 23,
            F_PARAGRAPHS = 24, F_CUES = 25;
    static final int F_LEADING = F_CUES + Cue.ALL.length;
    static final int F_DEBUG_NEED = F_LEADING + Cue.INTENTS, F_CODE_REVIEW = F_DEBUG_NEED + 1,
            F_CODE_PLAIN = F_DEBUG_NEED + 2, F_FOREIGN_NO_TRANSLATE = F_DEBUG_NEED + 3, F_SOLVE_NUMBERS = F_DEBUG_NEED + 4,
            F_CLUSTER_KEYWORDS = F_DEBUG_NEED + 5;
    static final int FEATURES = F_CLUSTER_KEYWORDS + TaskLabel.COUNT;

    private static final java.util.Set<String> DIRECTIONS = java.util.Set.of("into", "to", "in", "auf", "ins", "nach",
            "en", "al", "para", "em", "naar", "na", "в");

    /** Words the instruction is looked for in: the first and the last of the prose. */
    private static final int HEAD_WORDS = 90;
    private static final int TAIL_WORDS = 50;

    static {
        List<String> names = new ArrayList<>(List.of("codeBlock", "inlineCode", "codeLineRatio", "codeLines",
                "fileName", "stackTrace", "errorLine", "logLines", "length", "short", "long", "longDocument",
                "question", "endsWithQuestion", "startsWithWh", "nonEnglish", "nonLatinScript", "foreignSegment",
                "targetLanguage", "quotedText", "mathNotation", "digitRatio", "greeting", "listItems", "paragraphs"));
        for (Cue cue : Cue.ALL) {
            names.add("cue:" + cue.label);
        }
        for (int i = 0; i < Cue.INTENTS; i++) {
            names.add("leads:" + Cue.ALL[i].label);
        }
        names.addAll(List.of("debugNeed", "codeAndReview", "codeWithoutProblem", "foreignWithoutTranslate",
                "solveWithNumbers"));
        for (TaskLabel label : TaskLabel.TASKS) {
            names.add("keywords:" + label.id());
        }
        FEATURE_NAMES = List.copyOf(names);
    }

    /** The signals and the feature vector of one text. */
    public record Extraction(Signals signals, float[] features, long cues, String text) {
        String textForEmbedding() {
            return text;
        }
    }

    private final Lexicon lexicon = Lexicon.INSTANCE;
    private final KeywordIndex keywords;

    public SignalExtractor(KeywordIndex keywords) {
        this.keywords = keywords == null ? KeywordIndex.EMPTY : keywords;
    }

    public KeywordIndex keywords() {
        return keywords;
    }

    public Extraction extract(String text) {
        String t = text == null ? "" : text;
        String lower = t.toLowerCase(Locale.ROOT);
        float[] f = new float[FEATURES];
        int n = t.length();

        // pass 1: lines -> fences, code, traces, logs, lists; prose tokens by offset
        int lines = 0;
        int codeLines = 0;
        int fences = 0;
        int stackLines = 0;
        int errorLines = 0;
        int logLines = 0;
        int listItems = 0;
        int blankRuns = 0;
        boolean inFence = false;
        boolean previousBlank = false;
        int inline = 0;
        int[] starts = new int[64];
        int[] ends = new int[64];
        int tokens = 0;
        int totalWords = 0;
        int letters = 0;
        int latin = 0;
        int cjkHan = 0;
        int kana = 0;
        int hangul = 0;
        int cyrillic = 0;
        int otherScript = 0;
        int digits = 0;
        int mathScore = 0;
        int questionMarks = 0;
        int quotes = 0;
        int pos = 0;
        while (pos <= n && pos < n + 1) {
            int eol = t.indexOf('\n', pos);
            if (eol < 0) {
                eol = n;
            }
            int s = pos;
            int e = eol;
            while (s < e && (t.charAt(s) == ' ' || t.charAt(s) == '\t')) {
                s++;
            }
            int indent = s - pos;
            while (e > s && (t.charAt(e - 1) == ' ' || t.charAt(e - 1) == '\t' || t.charAt(e - 1) == '\r')) {
                e--;
            }
            lines++;
            if (e == s) {
                if (!previousBlank) {
                    blankRuns++;
                }
                previousBlank = true;
            } else {
                previousBlank = false;
                if (t.startsWith("```", s) || t.startsWith("~~~", s)) {
                    fences++;
                    inFence = !inFence;
                } else if (inFence) {
                    codeLines++;
                    if (isStackLine(t, lower, s, e)) {
                        stackLines++;
                    }
                } else if (isStackLine(t, lower, s, e)) {
                    stackLines++;
                } else if (isErrorLine(t, s, e)) {
                    errorLines++;
                } else if (isLogLine(t, lower, s, e)) {
                    logLines++;
                } else if (isCodeLine(t, lower, s, e, indent)) {
                    codeLines++;
                } else {
                    if (isListItem(t, s, e)) {
                        listItems++;
                    }
                    // prose: characters and tokens
                    int i = s;
                    while (i < e) {
                        char c = lower.charAt(i);
                        if (c == '`') {
                            inline++;
                            i++;
                            continue;
                        }
                        if (isTokenChar(c)) {
                            int ts = i;
                            while (i < e && (isTokenChar(lower.charAt(i)) || (isJoiner(lower.charAt(i))
                                    && i + 1 < e && isTokenChar(lower.charAt(i + 1)) && i > ts))) {
                                char d = lower.charAt(i);
                                if (i > ts && isCjk(d) != isCjk(lower.charAt(i - 1))) {
                                    break; // "用python写" is three tokens: CJK has no spaces between words
                                }
                                if (Character.isLetter(d)) {
                                    letters++;
                                    Character.UnicodeScript script = d < 0x250 ? Character.UnicodeScript.LATIN
                                            : Character.UnicodeScript.of(d);
                                    switch (script) {
                                        case LATIN -> latin++;
                                        case HAN -> cjkHan++;
                                        case HIRAGANA, KATAKANA -> kana++;
                                        case HANGUL -> hangul++;
                                        case CYRILLIC -> cyrillic++;
                                        default -> otherScript++;
                                    }
                                } else if (d >= '0' && d <= '9') {
                                    digits++;
                                }
                                i++;
                            }
                            // c++ and c#
                            while (i < e && (lower.charAt(i) == '+' || lower.charAt(i) == '#') && i - ts <= 2) {
                                i++;
                            }
                            totalWords++;
                            if (tokens == starts.length) {
                                if (tokens < 4096) {
                                    starts = java.util.Arrays.copyOf(starts, tokens * 2);
                                    ends = java.util.Arrays.copyOf(ends, tokens * 2);
                                } else {
                                    // keep the head, slide the tail window
                                    System.arraycopy(starts, HEAD_WORDS + 1, starts, HEAD_WORDS, tokens - HEAD_WORDS - 1);
                                    System.arraycopy(ends, HEAD_WORDS + 1, ends, HEAD_WORDS, tokens - HEAD_WORDS - 1);
                                    tokens--;
                                }
                            }
                            starts[tokens] = ts;
                            ends[tokens] = i;
                            tokens++;
                            continue;
                        }
                        switch (c) {
                            case '?', '？' -> questionMarks++;
                            case '"', '“', '”', '«', '»', '„' -> quotes++;
                            case '+', '*', '/', '^', '=', '<', '>' -> {
                                if (isMathOperation(lower, s, e, i)) {
                                    mathScore++;
                                }
                            }
                            case '∫', '∑', '√', 'π', '∞', '≤', '≥', '≠', '±', '×', '÷', '²', '³', 'θ', 'λ', 'σ',
                                 '∂', '∀', '∃', '∈', '⇒', '→' -> mathScore++;
                            case '$', '\\' -> {
                                if (c == '\\' && (lower.startsWith("\\frac", i) || lower.startsWith("\\int", i)
                                        || lower.startsWith("\\sum", i) || lower.startsWith("\\sqrt", i))) {
                                    mathScore += 2;
                                }
                            }
                            default -> {
                            }
                        }
                        i++;
                    }
                }
            }
            pos = eol + 1;
            if (eol >= n) {
                break;
            }
        }
        if (inline % 2 == 1) {
            inline--;
        }
        int inlineSpans = inline / 2;
        boolean codeBlock = fences >= 1;

        // pass 2: vocabulary on the head and tail windows of the prose
        long cueBits = 0;
        int[] cueCounts = new int[Cue.ALL.length];
        int[] languageVotes = new int[Lexicon.LATIN_LANGUAGES.length];
        long leading = 0;
        int leadingSeen = 0;
        boolean whStart = false;
        boolean firstContentSeen = false;
        int[] keywordHits = new int[TaskLabel.COUNT];
        boolean directionWord = false;
        boolean previousDirection = false;
        int tailStart = Math.max(HEAD_WORDS, tokens - TAIL_WORDS);
        for (int k = 0; k < tokens; k++) {
            if (k >= HEAD_WORDS && k < tailStart) {
                continue;
            }
            String w = lower.substring(starts[k], ends[k]);
            Long bits = lexicon.words.get(w);
            if (bits == null && w.endsWith("'s")) {
                bits = lexicon.words.get(w.substring(0, w.length() - 2));
            }
            if (bits != null) {
                cueBits |= bits;
                long b = bits;
                while (b != 0) {
                    int idx = Long.numberOfTrailingZeros(b);
                    cueCounts[idx]++;
                    b &= b - 1;
                }
            }
            if (k < 200) {
                Integer langs = lexicon.stopWords.get(w);
                if (langs != null) {
                    for (int l = 0; l < languageVotes.length; l++) {
                        if ((langs & (1 << l)) != 0) {
                            languageVotes[l]++;
                        }
                    }
                }
            }
            if (!firstContentSeen && !lexicon.fillers.contains(w)) {
                firstContentSeen = true;
                whStart = bits != null && (bits & Cue.ASK_FACT.bit) != 0 || w.equals("how") || w.equals("why")
                        || w.equals("is") || w.equals("are") || w.equals("does") || w.equals("do")
                        || w.equals("can") || w.equals("wie") || w.equals("comment") || w.equals("cómo");
            }
            if (leadingSeen < 6 && !lexicon.fillers.contains(w)) {
                leadingSeen++;
                if (bits != null) {
                    leading |= bits & ((1L << Cue.INTENTS) - 1);
                }
            }
            keywords.count(w, keywordHits);
            keywords.countPhrasesAt(lower, starts[k], w, keywordHits);
            int[] phrases = lexicon.phrasesByFirstWord.get(w);
            if (phrases != null) {
                for (int p : phrases) {
                    if (lower.startsWith(lexicon.phrases.get(p), starts[k])) {
                        long pb = lexicon.phraseCues.get(p);
                        cueBits |= pb;
                        cueCounts[Long.numberOfTrailingZeros(pb)]++;
                    }
                }
            }
            // a language named right after "into", "to", "in", "ins", "en", "al"...: the language asked for
            if (previousDirection && bits != null && (bits & Cue.LANGUAGE_NAME.bit) != 0) {
                directionWord = true;
            }
            previousDirection = DIRECTIONS.contains(w);
        }
        boolean cjkText = cjkHan + kana + hangul > 0;
        if (cjkText) {
            String window = windowText(lower, starts, ends, tokens, tailStart);
            for (int p = 0; p < lexicon.cjk.size(); p++) {
                if (window.contains(lexicon.cjk.get(p))) {
                    long bits = lexicon.cjkCues.get(p);
                    cueBits |= bits;
                    cueCounts[Long.numberOfTrailingZeros(bits)]++;
                    if (leadingSeen < 6 && Long.numberOfTrailingZeros(bits) < Cue.INTENTS) {
                        leading |= bits;
                    }
                }
            }
        }

        // language
        String language = language(letters, latin, cjkHan, kana, hangul, cyrillic, otherScript, languageVotes,
                totalWords);
        boolean nonEnglish = !language.equals("en") && !language.equals("und");
        boolean foreignSegment = language.equals("en") && (letters - latin > 3 || secondLanguage(languageVotes));

        int words = totalWords;
        boolean question = questionMarks > 0;
        boolean endsWithQuestion = endsWithQuestion(t);
        boolean has = (cueBits & Cue.SMALLTALK.bit) != 0;
        boolean greeting = has && words <= 8 && !codeBlock;
        boolean errorWords = (cueBits & Cue.ERROR_NOUN.bit) != 0;
        boolean longDocument = words > 350 || (words > 200 && blankRuns >= 3);
        boolean mathNotation = mathScore >= 2;
        boolean fileNames = hasFileName(lower);
        boolean stackTrace = stackLines >= 1 || (errorLines >= 1 && (stackLines + codeLines) >= 1);
        boolean targetLanguage = directionWord;
        boolean quoted = quotes >= 2 || t.contains(":\n") || t.contains(": \n") || lower.contains("\"\"\"");
        int constraints = cueCounts[Cue.CONSTRAINT.ordinal()] + countWordLimits(lower);
        int asks = Math.max(1, questionMarks + countImperativeSentences(lower, cueBits) + Math.min(listItems, 8));

        List<String> intents = new ArrayList<>(4);
        for (int c = 0; c < Cue.INTENTS; c++) {
            if ((cueBits & Cue.ALL[c].bit) != 0) {
                intents.add(Cue.ALL[c].label);
            }
        }
        SensitiveData sensitive = SensitiveScanner.scan(t, lower);

        // features
        f[F_CODE_BLOCK] = codeBlock ? 1 : 0;
        f[F_INLINE] = Math.min(inlineSpans, 4) / 4f;
        f[F_CODE_RATIO] = lines == 0 ? 0 : (float) codeLines / lines;
        f[F_CODE_LINES] = (float) Math.min(1, Math.log1p(codeLines) / 4);
        f[F_FILE] = fileNames ? 1 : 0;
        f[F_STACK] = stackTrace ? 1 : 0;
        f[F_ERROR_LINE] = errorLines > 0 ? 1 : 0;
        f[F_LOG] = logLines >= 2 ? 1 : logLines * 0.5f;
        f[F_WORDS] = (float) Math.min(1, Math.log1p(words) / 7);
        f[F_SHORT] = words <= 6 ? 1 : 0;
        f[F_LONG] = words > 120 ? 1 : 0;
        f[F_DOCUMENT] = longDocument ? 1 : 0;
        f[F_QUESTION] = question ? 1 : 0;
        f[F_ENDS_QUESTION] = endsWithQuestion ? 1 : 0;
        f[F_WH_START] = whStart ? 1 : 0;
        f[F_NON_ENGLISH] = nonEnglish ? 1 : 0;
        f[F_NON_LATIN] = letters > 0 && latin < letters / 2 ? 1 : 0;
        f[F_FOREIGN_SEGMENT] = foreignSegment ? 1 : 0;
        f[F_TARGET_LANGUAGE] = targetLanguage ? 1 : 0;
        f[F_QUOTED] = quoted ? 1 : 0;
        f[F_MATH] = Math.min(mathScore, 4) / 4f;
        f[F_DIGITS] = letters + digits == 0 ? 0 : Math.min(1f, 3f * digits / (letters + digits));
        f[F_GREETING] = greeting ? 1 : 0;
        f[F_LIST] = Math.min(listItems, 5) / 5f;
        f[F_PARAGRAPHS] = Math.min(blankRuns, 4) / 4f;
        for (int c = 0; c < Cue.ALL.length; c++) {
            f[F_CUES + c] = Math.min(cueCounts[c], 3) / 3f;
        }
        for (int c = 0; c < Cue.INTENTS; c++) {
            f[F_LEADING + c] = (leading & Cue.ALL[c].bit) != 0 ? 1 : 0;
        }
        boolean problem = stackTrace || errorLines > 0 || logLines > 0;
        f[F_DEBUG_NEED] = problem && ((cueBits & (Cue.FIX.bit | Cue.ERROR_NOUN.bit | Cue.EXPLAIN.bit)) != 0 || question)
                ? 1 : 0;
        boolean codeGiven = codeBlock || codeLines >= 3;
        f[F_CODE_REVIEW] = codeGiven && (cueBits & (Cue.REVIEW.bit | Cue.REVIEW_NOUN.bit)) != 0 ? 1 : 0;
        f[F_CODE_PLAIN] = codeGiven && !problem && (cueBits & (Cue.FIX.bit | Cue.ERROR_NOUN.bit)) == 0 ? 1 : 0;
        f[F_FOREIGN_NO_TRANSLATE] = nonEnglish && (cueBits & Cue.TRANSLATE.bit) == 0 && !targetLanguage ? 1 : 0;
        f[F_SOLVE_NUMBERS] = (cueBits & (Cue.SOLVE.bit | Cue.MATH_NOUN.bit)) != 0 && digits > 0 ? 1 : 0;
        for (int l = 0; l < TaskLabel.COUNT; l++) {
            f[F_CLUSTER_KEYWORDS + l] = Math.min(keywordHits[l], 3) / 3f;
        }

        Signals signals = new Signals(words, lines, codeBlock, inlineSpans, codeLines, fileNames, stackTrace,
                logLines >= 2, errorWords, language, greeting, question, longDocument, mathNotation, intents, asks,
                constraints, false, sensitive);
        return new Extraction(signals, f, cueBits, t);
    }

    static boolean hasCue(long cues, Cue cue) {
        return (cues & cue.bit) != 0;
    }

    private static String windowText(String lower, int[] starts, int[] ends, int tokens, int tailStart) {
        if (tokens == 0) {
            return lower.length() > 400 ? lower.substring(0, 400) : lower;
        }
        if (tokens <= HEAD_WORDS + TAIL_WORDS) {
            return lower.substring(Math.max(0, starts[0] - 1), Math.min(lower.length(), ends[tokens - 1] + 1));
        }
        String head = lower.substring(Math.max(0, starts[0] - 1), ends[HEAD_WORDS - 1]);
        String tail = lower.substring(Math.max(0, starts[tailStart] - 1), Math.min(lower.length(), ends[tokens - 1] + 1));
        return head + " \n " + tail;
    }

    private static boolean isTokenChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean isCjk(char c) {
        return c >= 0x2E80 && (c <= 0x9FFF || c >= 0xAC00 && c <= 0xD7AF || c >= 0xF900 && c <= 0xFAFF);
    }

    private static boolean isJoiner(char c) {
        return c == '\'' || c == '-' || c == '’';
    }

    /** An operator between numbers or single-letter variables, as in "3x + 7 = 22" or "x^2". */
    private static boolean isMathOperation(String lower, int s, int e, int i) {
        int b = i - 1;
        while (b >= s && lower.charAt(b) == ' ') {
            b--;
        }
        int a = i + 1;
        while (a < e && lower.charAt(a) == ' ') {
            a++;
        }
        if (b < s || a >= e || i - b > 2 || a - i > 2) {
            return false;
        }
        char before = lower.charAt(b);
        char after = lower.charAt(a);
        boolean variableBefore = Character.isLetter(before) && (b == s || !Character.isLetter(lower.charAt(b - 1)));
        boolean variableAfter = Character.isLetter(after) && (a + 1 >= e || !Character.isLetter(lower.charAt(a + 1)));
        boolean operandBefore = Character.isDigit(before) || before == ')' || variableBefore;
        boolean operandAfter = Character.isDigit(after) || after == '(' || after == '-' || variableAfter;
        return operandBefore && operandAfter && (Character.isDigit(before) || Character.isDigit(after)
                || lower.charAt(i) == '^' || lower.charAt(i) == '=');
    }

    private static boolean isListItem(String t, int s, int e) {
        char c = t.charAt(s);
        if ((c == '-' || c == '*' || c == '•') && s + 1 < e && t.charAt(s + 1) == ' ') {
            return true;
        }
        int i = s;
        while (i < e && i - s < 3 && Character.isDigit(t.charAt(i))) {
            i++;
        }
        return i > s && i + 1 < e && (t.charAt(i) == '.' || t.charAt(i) == ')') && t.charAt(i + 1) == ' ';
    }

    private static final String[] CODE_STARTS = {"def ", "class ", "import ", "from ", "public ", "private ",
            "protected ", "static ", "function ", "const ", "let ", "var ", "return ", "return;", "if (", "for (",
            "while (", "#include", "package ", "fn ", "func ", "select ", "insert into", "update ", "delete from",
            "create table", "alter table", "</", "//", "/*", "*/", "#!", "print(", "console.", "system.out",
            "elif ", "else:", "else {", "} else", "try:", "try {", "except ", "except:", "catch (", "async ", "await ",
            "pub ", "impl ", "struct ", "enum ", "interface ", "val ", "fun ", "for i in", "@override", "@app.",
            "@get", "@post", "$ ", "npm ", "pip ", "git ", "docker ", "kubectl ", "mvn ", "sudo ", "cd ", "echo ",
            "export ", "apiversion:", "kind:", "spec:", "<?xml", "<div", "<template", "<script", "{", "}", "]", "[",
            "module.exports", "require(", "using ", "namespace ", "#define", "void ", "int ", "char ", "assert",
            "raise ", "throw ", "yield ", "lambda ", "self.", "this.", "end", "begin", "do |", "foreach", "switch ("};

    private static boolean isCodeLine(String t, String lower, int s, int e, int indent) {
        char last = t.charAt(e - 1);
        if (last == ';' || last == '{' || (last == '}' && e - s < 40) || (last == ')' && lower.startsWith("@", s))) {
            return true;
        }
        if ((last == ':' && indent == 0 && (lower.startsWith("def ", s) || lower.startsWith("class ", s)
                || lower.startsWith("if ", s) || lower.startsWith("for ", s)))) {
            return true;
        }
        for (String start : CODE_STARTS) {
            if (lower.startsWith(start, s)) {
                // "from" and "import" also start sentences: need code punctuation or a short line
                if (start.equals("from ") || start.equals("import ") || start.equals("let ") || start.equals("for i in")
                        || start.equals("update ") || start.equals("using ") || start.equals("end")
                        || start.equals("begin") || start.equals("int ") || start.equals("char ") || start.equals("val ")
                        || start.equals("fun ") || start.equals("[") || start.equals("]") || start.equals("static ")
                        || start.equals("public ") || start.equals("private ") || start.equals("protected ")
                        || start.equals("return ") || start.equals("class ") || start.equals("function ")
                        || start.equals("package ") || start.equals("enum ") || start.equals("interface ")) {
                    return hasCodePunctuation(t, s, e) || (e - s < 50 && !endsLikeSentence(t, e)
                            && !start.equals("end") && !start.equals("begin") && !start.equals("static ")
                            && !start.equals("public ") && !start.equals("private ") && !start.equals("return ")
                            && !start.equals("class ") && !start.equals("function ") && !start.equals("let ")
                            && !start.equals("package ") && !start.equals("enum ") && !start.equals("interface "));
                }
                return true;
            }
        }
        if (indent >= 4 && hasCodePunctuation(t, s, e)) {
            return true;
        }
        // x = foo(bar) style assignments and calls without spaces: code; "2x + 3 = 7" is not
        int eq = find(t, " = ", s, e);
        if (eq > s && find(t, "(", s, e) > 0 && !Character.isDigit(t.charAt(s))
                && e - s < 120 && spaces(t, s, e) < 8) {
            return true;
        }
        return false;
    }

    /** Like indexOf, but only within [from, to): a line's checks never scan the rest of the prompt. */
    static int find(String s, String needle, int from, int to) {
        char first = needle.charAt(0);
        int last = to - needle.length();
        for (int i = from; i <= last; i++) {
            if (s.charAt(i) == first && s.startsWith(needle, i)) {
                return i;
            }
        }
        return -1;
    }

    private static int spaces(String t, int s, int e) {
        int n = 0;
        for (int i = s; i < e; i++) {
            if (t.charAt(i) == ' ') {
                n++;
            }
        }
        return n;
    }

    private static boolean endsLikeSentence(String t, int e) {
        char c = t.charAt(e - 1);
        return c == '.' || c == '?' || c == '!';
    }

    private static boolean hasCodePunctuation(String t, int s, int e) {
        int score = 0;
        for (int i = s; i < e; i++) {
            char c = t.charAt(i);
            if (c == '(' || c == ')' || c == '{' || c == '}' || c == ';' || c == '=' || c == '[' || c == ']'
                    || c == '<' || c == '>') {
                score++;
            }
        }
        return score >= 2;
    }

    private static boolean isStackLine(String t, String lower, int s, int e) {
        if (lower.startsWith("at ", s) && e - s > 6) {
            int paren = find(t, "(", s, e);
            if (paren > 0 && (find(t, ":", paren, e) > 0
                    || lower.startsWith("native method", paren + 1) || lower.startsWith("unknown source", paren + 1))) {
                return true;
            }
            // at Object.<anonymous> (/app/x.js:1:2) or at /app/x.js:3:5
            return find(t, ".js:", s, e) > 0 || find(t, ".ts:", s, e) > 0;
        }
        return lower.startsWith("traceback (most recent call last)", s)
                || (lower.startsWith("file \"", s) && find(lower, "\", line ", s, e) > 0)
                || lower.startsWith("caused by:", s) || lower.startsWith("exception in thread", s)
                || lower.startsWith("panic:", s) || lower.startsWith("goroutine ", s)
                || lower.startsWith("thread '", s) && find(lower, "panicked at", s, e) > 0
                || lower.startsWith("... ", s) && find(lower, " more", s, e) > 0
                || lower.startsWith("#0 ", s) || lower.startsWith("#1 ", s)
                || lower.startsWith("segmentation fault", s) || lower.startsWith("fatal error:", s)
                || lower.startsWith("error[e", s) || lower.startsWith("--> ", s);
    }

    /** {@code SomeError: message}, {@code java.lang.IllegalStateException: ...}, {@code error TS2345: ...}. */
    private static boolean isErrorLine(String t, int s, int e) {
        int colon = find(t, ":", s, Math.min(e, s + 91));
        if (colon < 0) {
            return lowerStarts(t, s, "error ts") || lowerStarts(t, s, "uncaught ");
        }
        String head = t.substring(s, colon);
        if (head.indexOf(' ') >= 0) {
            // "Uncaught TypeError", "error TS2345", "ERROR in ./src/x.ts", "npm ERR! code"
            return head.startsWith("Uncaught ") || head.startsWith("Unhandled") || head.startsWith("npm ERR")
                    || head.startsWith("error TS") || head.startsWith("ERROR in") || head.startsWith("E   ")
                    || head.endsWith(" error") && head.length() < 30 && Character.isUpperCase(head.charAt(0))
                    && (head.startsWith("Fatal") || head.startsWith("Syntax") || head.startsWith("Compilation"));
        }
        return (head.endsWith("Error") || head.endsWith("Exception") || head.endsWith("Errno")
                || head.endsWith("Fault") || head.equals("error") || head.equals("ERROR") || head.equals("FATAL")
                || head.endsWith("Warning")) && head.length() > 4;
    }

    private static boolean lowerStarts(String t, int s, String prefix) {
        return t.regionMatches(true, s, prefix, 0, prefix.length());
    }

    private static final String[] LEVELS = {"error", "warn", "warning", "info", "debug", "trace", "fatal", "critical",
            "severe"};

    private static boolean isLogLine(String t, String lower, int s, int e) {
        if (e - s < 12) {
            return false;
        }
        // a time of day or an ISO date near the start, and a level word
        int limit = Math.min(e, s + 40);
        boolean time = false;
        for (int i = s; i + 4 < limit; i++) {
            if (Character.isDigit(t.charAt(i)) && Character.isDigit(t.charAt(i + 1)) && t.charAt(i + 2) == ':'
                    && Character.isDigit(t.charAt(i + 3)) && Character.isDigit(t.charAt(i + 4))) {
                time = true;
                break;
            }
        }
        int levelLimit = Math.min(e, s + 80);
        for (String level : LEVELS) {
            int at = find(lower, level, s, levelLimit);
            if (at >= s && (at == s || !Character.isLetter(lower.charAt(at - 1)))
                    && (at + level.length() >= e || !Character.isLetter(lower.charAt(at + level.length())))
                    && (time || t.charAt(at) == Character.toUpperCase(level.charAt(0)) && Character.isUpperCase(t.charAt(at + 1))
                    || (at > s && (t.charAt(at - 1) == '[' || t.charAt(at - 1) == '=')))) {
                return true;
            }
        }
        return false;
    }

    private boolean hasFileName(String lower) {
        int from = 0;
        int n = lower.length();
        int checks = 0;
        while (checks < 400) {
            int dot = lower.indexOf('.', from);
            if (dot < 0) {
                break;
            }
            checks++;
            from = dot + 1;
            if (dot == 0 || !isTokenChar(lower.charAt(dot - 1)) || Character.isDigit(lower.charAt(dot - 1))
                    && (dot + 1 < n && Character.isDigit(lower.charAt(dot + 1)))) {
                continue;
            }
            int e = dot + 1;
            while (e < n && e - dot <= 12 && Character.isLetterOrDigit(lower.charAt(e))) {
                e++;
            }
            if (e == dot + 1 || (e < n && isTokenChar(lower.charAt(e)))) {
                continue;
            }
            if (lexicon.fileExtensions.contains(lower.substring(dot + 1, e))) {
                // "e.g" "i.e" and sentence ends like "in c. Then" are not file names
                int ws = dot - 1;
                while (ws > 0 && (isTokenChar(lower.charAt(ws - 1)) || lower.charAt(ws - 1) == '/'
                        || lower.charAt(ws - 1) == '-')) {
                    ws--;
                }
                if (dot - ws >= 2 || e - dot > 2) {
                    if (dot - ws >= 1 && !(e - dot == 2 && dot - ws <= 2)) {
                        return true;
                    }
                }
            }
        }
        return lower.contains("dockerfile") || lower.contains("makefile") || lower.contains("pom.xml");
    }

    private static boolean endsWithQuestion(String t) {
        int e = t.length();
        while (e > 0 && Character.isWhitespace(t.charAt(e - 1))) {
            e--;
        }
        return e > 0 && (t.charAt(e - 1) == '?' || t.charAt(e - 1) == '？');
    }

    private static boolean secondLanguage(int[] votes) {
        int other = 0;
        for (int l = 1; l < votes.length; l++) {
            other = Math.max(other, votes[l] - votes[0] / 2);
        }
        return other >= 3;
    }

    private static String language(int letters, int latin, int han, int kana, int hangul, int cyrillic, int other,
                                   int[] votes, int words) {
        if (letters < 2) {
            return "und";
        }
        if (kana > letters / 10 && kana + han > letters / 3) {
            return "ja";
        }
        if (hangul > letters / 3) {
            return "ko";
        }
        if (han > letters / 4) {
            return "zh";
        }
        if (cyrillic > letters / 3) {
            return "ru";
        }
        if (other > letters / 3) {
            return "other";
        }
        int best = 0;
        for (int l = 1; l < votes.length; l++) {
            if (votes[l] > votes[best]) {
                best = l;
            }
        }
        if (best == 0 || votes[best] < 2 && words > 4) {
            return votes[0] == 0 && votes[best] == 0 && words <= 3 ? "und" : votes[best] >= 1 && votes[0] == 0
                    && best != 0 ? Lexicon.LATIN_LANGUAGES[best] : "en";
        }
        // a Romance language shares many stop words: the winner must clearly beat English
        return votes[best] > votes[0] ? Lexicon.LATIN_LANGUAGES[best] : "en";
    }

    private static int countWordLimits(String lower) {
        int count = 0;
        int from = 0;
        while (count < 5) {
            int at = lower.indexOf(" words", from);
            if (at < 0) {
                break;
            }
            int k = at - 1;
            while (k >= 0 && Character.isDigit(lower.charAt(k))) {
                k--;
            }
            if (k < at - 1) {
                count++;
            }
            from = at + 6;
        }
        return count;
    }

    /** Sentences that open with an intent verb ("Write...", "Then explain..."), as a count of asks. */
    private int countImperativeSentences(String lower, long cueBits) {
        if ((cueBits & ((1L << Cue.INTENTS) - 1)) == 0) {
            return 0;
        }
        int count = 0;
        int i = 0;
        int n = Math.min(lower.length(), 4000);
        boolean sentenceStart = true;
        while (i < n) {
            char c = lower.charAt(i);
            if (sentenceStart && Character.isLetter(c)) {
                int e = i;
                while (e < n && Character.isLetter(lower.charAt(e))) {
                    e++;
                }
                String w = lower.substring(i, e);
                if (w.equals("then") || w.equals("also") || w.equals("and") || w.equals("finally")
                        || w.equals("please")) {
                    i = e;
                    continue;
                }
                Long bits = lexicon.words.get(w);
                if (bits != null && (bits & ((1L << Cue.INTENTS) - 1)) != 0) {
                    count++;
                }
                sentenceStart = false;
                i = e;
                continue;
            }
            if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ';') {
                sentenceStart = true;
            }
            i++;
        }
        return count > 0 ? count - 1 : 0;
    }
}

package dev.routewise.classify.engine;

/**
 * Token counts without a tokenizer: about 4 characters per token for English prose, 3 for code and
 * symbols, 1 per CJK character, 2.5 per character of other scripts. Good to about +-20% for GPT- and
 * Claude-style tokenizers, which is what cost estimates and context checks need.
 */
public final class TokenEstimator {

    /** A typical high-detail image in OpenAI's accounting. */
    static final int IMAGE_TOKENS = 765;
    static final int MESSAGE_OVERHEAD = 4;

    private TokenEstimator() {
    }

    public static int tokens(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        int letters = 0;
        int symbols = 0;
        int cjk = 0;
        int other = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128) {
                if (Character.isLetterOrDigit(c) || c == ' ') {
                    letters++;
                } else if (c != '\n' && c != '\t') {
                    symbols++;
                }
            } else if (c >= 0x3000 && c <= 0x9FFF || c >= 0xAC00 && c <= 0xD7AF || c >= 0xF900 && c <= 0xFAFF) {
                cjk++;
            } else if (c < 0x250) {
                letters++; // accented Latin
            } else {
                other++;
            }
        }
        return (int) Math.ceil(letters / 4.2 + symbols / 1.6 + cjk * 1.1 + other / 2.5);
    }

    /** Expected answer length for a task, scaled by complexity and explicit length requests. */
    static int outputTokens(TaskLabel task, double complexityScore, int lastTurnTokens, String lowerText, float[] f) {
        double base = switch (task) {
            case SIMPLE_QA -> 120;
            case CODE -> 650;
            case DEBUGGING -> 550;
            case CODE_REVIEW -> 600;
            case MATH -> 450;
            case ANALYSIS -> 650;
            case CREATIVE -> 550;
            case SUMMARIZATION -> Math.clamp(lastTurnTokens * 0.2, 120, 600);
            case TRANSLATION -> Math.max(40, lastTurnTokens * 1.15);
            case PLANNING -> 900;
            case GENERAL -> 350;
        };
        double factor = task == TaskLabel.TRANSLATION ? 1 : 0.5 + 1.3 * complexityScore;
        int requested = requestedWords(lowerText);
        if (requested > 0) {
            return (int) Math.round(requested * 1.35);
        }
        if (f[SignalExtractor.F_CUES + Cue.QUICK.ordinal()] > 0 && task != TaskLabel.TRANSLATION) {
            factor *= 0.6;
        }
        return (int) Math.max(16, Math.round(base * factor));
    }

    /** "in 500 words", "under 200 words", "a 300-word essay". */
    static int requestedWords(String lower) {
        int at = lower.indexOf(" words");
        if (at < 0) {
            at = lower.indexOf("-word");
        }
        if (at <= 0) {
            return 0;
        }
        int k = at;
        while (k > 0 && Character.isDigit(lower.charAt(k - 1))) {
            k--;
        }
        if (k == at || at - k > 5) {
            return 0;
        }
        return Integer.parseInt(lower.substring(k, at));
    }
}

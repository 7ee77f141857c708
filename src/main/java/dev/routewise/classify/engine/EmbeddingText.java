package dev.routewise.classify.engine;

/**
 * What of a prompt goes to the embedding model: whitespace collapsed, and for a long prompt its head
 * and tail, where the instruction usually is ("Summarize this: ...", "... what is wrong here?").
 */
public final class EmbeddingText {

    static final int HEAD = 192;
    static final int TAIL = 96;

    private EmbeddingText() {
    }

    public static String of(String text) {
        if (text == null || text.isBlank()) {
            return " ";
        }
        String t = text.length() > 4 * (HEAD + TAIL) ? text.substring(0, 2 * HEAD) + "\n"
                + text.substring(text.length() - 2 * TAIL) : text;
        StringBuilder b = new StringBuilder(Math.min(t.length(), HEAD + TAIL + 8));
        boolean space = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isWhitespace(c)) {
                space = !b.isEmpty();
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.append(c);
            }
        }
        if (b.length() <= HEAD + TAIL + 5) {
            return b.toString();
        }
        return b.substring(0, HEAD) + " … " + b.substring(b.length() - TAIL);
    }
}

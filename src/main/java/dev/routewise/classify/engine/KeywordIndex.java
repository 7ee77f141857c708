package dev.routewise.classify.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The editable keywords of the task clusters, as a lookup: single words by exact (lower-case) match,
 * several words as a phrase. Each cluster's hits are one feature of the linear models, so a
 * keyword votes with the weight that training gave it, not as a first-match rule. Immutable.
 */
public final class KeywordIndex {

    public static final KeywordIndex EMPTY = new KeywordIndex(Map.of());

    private final Map<String, Integer> words = new HashMap<>();
    private final List<String> phrases = new ArrayList<>();
    private final List<Integer> phraseLabels = new ArrayList<>();
    private final Map<String, List<Integer>> phrasesByFirstWord = new HashMap<>();

    public KeywordIndex(Map<TaskLabel, List<String>> keywords) {
        keywords.forEach((label, list) -> {
            if (label == TaskLabel.GENERAL) {
                return;
            }
            int bit = 1 << label.ordinal();
            for (String k : list) {
                String kw = k == null ? "" : k.trim().toLowerCase(Locale.ROOT);
                if (kw.isEmpty()) {
                    continue;
                }
                String first = Lexicon.firstWord(kw);
                if (!first.equals(kw) && !first.isEmpty()) {
                    phrasesByFirstWord.computeIfAbsent(first, f -> new ArrayList<>()).add(phrases.size());
                    phrases.add(kw);
                    phraseLabels.add(bit);
                } else {
                    words.merge(kw, bit, (a, b) -> a | b);
                }
            }
        });
    }

    void count(String word, int[] hits) {
        Integer bits = words.get(word);
        if (bits != null) {
            add(bits, hits);
        }
    }

    /** Phrases that start with {@code word} at {@code offset} of the lower-cased text. */
    void countPhrasesAt(String lower, int offset, String word, int[] hits) {
        List<Integer> candidates = phrasesByFirstWord.get(word);
        if (candidates == null) {
            return;
        }
        for (int i : candidates) {
            if (lower.startsWith(phrases.get(i), offset)) {
                add(phraseLabels.get(i), hits);
            }
        }
    }

    private static void add(int bits, int[] hits) {
        while (bits != 0) {
            int label = Integer.numberOfTrailingZeros(bits);
            hits[label]++;
            bits &= bits - 1;
        }
    }
}

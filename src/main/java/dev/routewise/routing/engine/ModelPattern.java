package dev.routewise.routing.engine;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A glob over routing ids: {@code *} matches any run of characters (including {@code /}), everything else
 * matches itself, case-insensitively. {@code anthropic/*}, {@code *}{@code /gpt-4o*}, or an exact id.
 * Matching is the classic two-pointer wildcard walk: O(pattern x id) at worst, no regex, no backtracking blow-up.
 */
public record ModelPattern(String glob) {

    public ModelPattern {
        Objects.requireNonNull(glob, "glob");
        glob = glob.trim().toLowerCase(Locale.ROOT);
        if (glob.isEmpty()) {
            throw new IllegalArgumentException("a model pattern must not be blank");
        }
    }

    public static ModelPattern of(String glob) {
        return new ModelPattern(glob);
    }

    public static List<ModelPattern> all(List<String> globs) {
        return globs == null ? List.of() : globs.stream().map(ModelPattern::new).toList();
    }

    /** True when any pattern matches the id. */
    public static boolean anyMatches(List<ModelPattern> patterns, String id) {
        for (ModelPattern p : patterns) {
            if (p.matches(id)) {
                return true;
            }
        }
        return false;
    }

    public boolean matches(String id) {
        return id != null && walk(id, true);
    }

    /** As {@link #matches} for an id already lowered char by char with {@link Character#toLowerCase(char)}. */
    boolean matchesLowered(String loweredId) {
        return walk(loweredId, false);
    }

    /** True when any pattern matches the lowered id (see {@link #matchesLowered}). */
    static boolean anyMatchesLowered(List<ModelPattern> patterns, String loweredId) {
        for (int i = 0, n = patterns.size(); i < n; i++) {
            if (patterns.get(i).walk(loweredId, false)) {
                return true;
            }
        }
        return false;
    }

    /** Lowers each char on its own, as matching does, so a lowered id keeps its length and positions. */
    static String lowerChars(String id) {
        char[] chars = id.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(chars[i]);
        }
        return new String(chars);
    }

    private boolean walk(String id, boolean lower) {
        String p = glob;
        int pi = 0;
        int si = 0;
        int star = -1;
        int mark = 0;
        int n = id.length();
        while (si < n) {
            char c = lower ? Character.toLowerCase(id.charAt(si)) : id.charAt(si);
            if (pi < p.length() && p.charAt(pi) != '*' && p.charAt(pi) == c) {
                pi++;
                si++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    @Override
    public String toString() {
        return glob;
    }
}

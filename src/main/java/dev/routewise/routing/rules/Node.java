package dev.routewise.routing.rules;

/**
 * A compiled condition. Every node tests a request with plain comparisons over the {@link Facts}: no boxing,
 * no collections built, so evaluating a rule set allocates nothing beyond its result.
 */
sealed interface Node {

    boolean test(Facts f);

    enum Op {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        static Op of(String symbol) {
            for (Op op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            throw new IllegalArgumentException(symbol);
        }

        boolean ordering() {
            return this != EQ && this != NE;
        }

        boolean holds(int comparison) {
            return switch (this) {
                case EQ -> comparison == 0;
                case NE -> comparison != 0;
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
            };
        }
    }

    record Const(boolean value) implements Node {
        public boolean test(Facts f) {
            return value;
        }
    }

    record And(Node[] parts) implements Node {
        public boolean test(Facts f) {
            for (Node p : parts) {
                if (!p.test(f)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Or(Node[] parts) implements Node {
        public boolean test(Facts f) {
            for (Node p : parts) {
                if (p.test(f)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(Node inner) implements Node {
        public boolean test(Facts f) {
            return !inner.test(f);
        }
    }

    /** Whole numbers and ordinals (task, complexity, weekday). A missing value satisfies only {@code !=}. */
    record CompareInt(Field field, Op op, long value) implements Node {
        public boolean test(Facts f) {
            long v = f.integer(field);
            if (v == Facts.MISSING) {
                return op == Op.NE;
            }
            return op.holds(Long.compare(v, value));
        }
    }

    record CompareNumber(Field field, Op op, double value) implements Node {
        public boolean test(Facts f) {
            return op.holds(Double.compare(f.number(field), value));
        }
    }

    /** {@code in} / {@code not in} over whole numbers. */
    record InInts(Field field, long[] values, boolean negated) implements Node {
        public boolean test(Facts f) {
            long v = f.integer(field);
            if (v == Facts.MISSING) {
                return negated;
            }
            for (long x : values) {
                if (x == v) {
                    return !negated;
                }
            }
            return negated;
        }
    }

    /** {@code in} / {@code not in} over ordinals below 64 (task, complexity, weekday), as a bit set. */
    record InOrdinals(Field field, long mask, boolean negated) implements Node {
        public boolean test(Facts f) {
            long v = f.integer(field);
            return ((mask >>> v) & 1L) == 1L != negated;
        }
    }

    /** Case-insensitive equality; a missing value satisfies only {@code !=}. */
    record StringEquals(Field field, String value, boolean negated) implements Node {
        public boolean test(Facts f) {
            String v = f.string(field);
            if (v == null) {
                return negated;
            }
            return v.equalsIgnoreCase(value) != negated;
        }
    }

    record InStrings(Field field, String[] values, boolean negated) implements Node {
        public boolean test(Facts f) {
            String v = f.string(field);
            if (v == null) {
                return negated;
            }
            for (String x : values) {
                if (x.equalsIgnoreCase(v)) {
                    return !negated;
                }
            }
            return negated;
        }
    }

    /** Case-insensitive substring. */
    record StringContains(Field field, String part) implements Node {
        public boolean test(Facts f) {
            String v = f.string(field);
            if (v == null) {
                return false;
            }
            int last = v.length() - part.length();
            for (int i = 0; i <= last; i++) {
                if (v.regionMatches(true, i, part, 0, part.length())) {
                    return true;
                }
            }
            return false;
        }
    }

    record LabelsContain(String label) implements Node {
        public boolean test(Facts f) {
            for (String l : f.in.labels()) {
                if (label.equalsIgnoreCase(l)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code labels in [..]}: any label is one of the values; {@code not in}: none is. */
    record LabelsAny(String[] values, boolean negated) implements Node {
        public boolean test(Facts f) {
            for (String l : f.in.labels()) {
                for (String x : values) {
                    if (x.equalsIgnoreCase(l)) {
                        return !negated;
                    }
                }
            }
            return negated;
        }
    }

    record Healthy(String provider, boolean expected) implements Node {
        public boolean test(Facts f) {
            return f.in.providers().healthy(provider) == expected;
        }
    }

    /** {@code bucket("salt") < 20}: about 20 % of sessions (or users, teams, requests), always the same ones. */
    record Bucket(String salt, Op op, long value) implements Node {
        public boolean test(Facts f) {
            String key = f.in.bucketKey();
            if (key == null) {
                return op == Op.NE;
            }
            return op.holds(Long.compare(bucket(salt, key), value));
        }

        /** FNV-1a over salt and key, then a 64-bit finaliser so every bit is mixed before taking mod 100. */
        static int bucket(String salt, String key) {
            long h = 0xcbf29ce484222325L;
            for (int i = 0; i < salt.length(); i++) {
                h = (h ^ salt.charAt(i)) * 0x100000001b3L;
            }
            h = (h ^ 0x1F) * 0x100000001b3L;
            for (int i = 0; i < key.length(); i++) {
                h = (h ^ key.charAt(i)) * 0x100000001b3L;
            }
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            h *= 0xc4ceb9fe1a85ec53L;
            h ^= h >>> 33;
            return (int) Long.remainderUnsigned(h, 100);
        }
    }
}

package dev.routewise.discovery.client;

import dev.routewise.catalog.DiscoveredModel;
import dev.routewise.discovery.DiscoveryException;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lenient readers for the loose fields of providers' model lists. The parts that identify a model
 * (the list itself, each entry's id) are checked strictly by the clients; the optional facts
 * (context, prices, dates) read as null when absent or odd, because one odd field must not
 * throw away a whole list.
 */
final class JsonFields {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private JsonFields() {
    }

    /** A non-blank string, trimmed, or null. */
    static String string(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isString() && !v.stringValue().isBlank() ? v.stringValue().trim() : null;
    }

    /** A whole number that fits an int (JSON number or numeric string), or null. Zero and negatives read as null. */
    static Integer positiveInt(JsonNode node, String field) {
        JsonNode v = node.path(field);
        BigDecimal d = decimal(v);
        if (d == null || d.signum() <= 0) {
            return null;
        }
        try {
            return d.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** True or false when the field is a JSON boolean, else null. */
    static Boolean bool(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isBoolean() ? v.booleanValue() : null;
    }

    /** Unix seconds as an instant, or null. */
    static Instant epochSeconds(JsonNode node, String field) {
        JsonNode v = node.path(field);
        BigDecimal d = decimal(v);
        if (d == null || d.signum() <= 0) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(d.longValueExact());
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return null;
        }
    }

    /** An RFC 3339 timestamp, or null. */
    static Instant timestamp(JsonNode node, String field) {
        String s = string(node, field);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * A price given in US dollars per token (a string like {@code "0.000015"} or a number) as
     * dollars per million tokens, exactly. Missing, unparsable or negative (OpenRouter's
     * {@code "-1"} for "varies") is null, meaning unknown; {@code "0"} is free.
     */
    static BigDecimal perTokenToPerMillion(JsonNode node, String field) {
        BigDecimal perToken = decimal(node.path(field));
        if (perToken == null || perToken.signum() < 0) {
            return null;
        }
        if (perToken.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal perMillion = perToken.multiply(MILLION).stripTrailingZeros();
        return perMillion.scale() < 0 ? perMillion.setScale(0) : perMillion;
    }

    /** The strings in an array field, lower-cased and trimmed; empty when absent. */
    static Set<String> strings(JsonNode node, String field) {
        Set<String> out = new LinkedHashSet<>();
        JsonNode v = node.path(field);
        if (v.isArray()) {
            for (JsonNode item : v) {
                if (item.isString() && !item.stringValue().isBlank()) {
                    out.add(item.stringValue().trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    /** The array {@code field} of an object root; anything else is a wrong shape and an error. */
    static JsonNode requireArray(JsonNode root, String field, String where, String hint) throws DiscoveryException {
        if (root == null || !root.isObject()) {
            throw new DiscoveryException(where + " answered JSON that is not an object" + hint);
        }
        JsonNode list = root.get(field);
        if (list == null || !list.isArray()) {
            throw new DiscoveryException(where + " answered JSON without a \"" + field + "\" list" + hint);
        }
        return list;
    }

    /** Entry {@code index} of a model list, which must be an object with a non-blank string {@code idField}. */
    /** Parses one entry of a model list; {@code index} and {@code where} are for error messages. */
    @FunctionalInterface
    interface EntryParser<T> {
        T parse(JsonNode entry, int index, String where) throws DiscoveryException;
    }

    /** Every entry of the list in {@code field}, which must be an array. */
    static <T> List<T> entries(JsonNode root, String field, String where, String hint, EntryParser<T> parser)
            throws DiscoveryException {
        JsonNode list = requireArray(root, field, where, hint);
        List<T> parsed = new java.util.ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            parsed.add(parser.parse(list.get(i), i, where));
        }
        return parsed;
    }

    static String requireId(JsonNode entry, String idField, int index, String where) throws DiscoveryException {
        if (!entry.isObject()) {
            throw new DiscoveryException(where + " answered a model list whose entry #" + (index + 1)
                    + " is not an object");
        }
        String id = string(entry, idField);
        if (id == null) {
            throw new DiscoveryException(where + " answered a model list whose entry #" + (index + 1)
                    + " has no \"" + idField + "\"");
        }
        return id;
    }

    /**
     * Keeps the first entry per model id: the catalog keys models by id, and a provider that lists
     * one twice (or repeats it across pages) must not break the run.
     */
    static List<DiscoveredModel> distinctById(List<DiscoveredModel> models) {
        Map<String, DiscoveredModel> byId = new LinkedHashMap<>();
        for (DiscoveredModel m : models) {
            byId.putIfAbsent(m.modelId(), m);
        }
        return List.copyOf(new ArrayList<>(byId.values()));
    }

    private static BigDecimal decimal(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            if (v.isIntegralNumber()) {
                return new BigDecimal(v.bigIntegerValue());
            }
            if (v.isBigDecimal()) {
                return v.decimalValue();
            }
            // a double reads through its shortest decimal form, so 1.5E-5 stays exactly 0.000015
            double d = v.doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        if (v.isString()) {
            try {
                return new BigDecimal(v.stringValue().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}

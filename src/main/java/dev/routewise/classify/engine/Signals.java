package dev.routewise.classify.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the fast signal tier saw in the classified turn. {@code language} is an ISO 639-1 code
 * ("en", "de", "zh"...) or "und" when there is too little text to tell.
 */
public record Signals(int words, int lines, boolean codeBlock, int inlineCode, int codeLines, boolean fileNames,
                      boolean stackTrace, boolean logLines, boolean errorWords, String language, boolean greeting,
                      boolean question, boolean longDocument, boolean mathNotation, List<String> intents, int asks,
                      int constraints, boolean followUp, SensitiveData sensitive) {

    public Signals {
        intents = List.copyOf(intents);
    }

    public boolean nonEnglish() {
        return !"en".equals(language) && !"und".equals(language);
    }

    public boolean code() {
        return codeBlock || codeLines >= 2 || inlineCode > 0 || fileNames;
    }

    Signals withFollowUp(boolean value) {
        return new Signals(words, lines, codeBlock, inlineCode, codeLines, fileNames, stackTrace, logLines, errorWords,
                language, greeting, question, longDocument, mathNotation, intents, asks, constraints, value, sensitive);
    }

    /** The signals for JSON and the console: only what was seen, plus the language and size. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("language", language);
        map.put("words", words);
        put(map, "codeBlock", codeBlock);
        if (inlineCode > 0) {
            map.put("inlineCode", inlineCode);
        }
        if (codeLines > 0) {
            map.put("codeLines", codeLines);
        }
        put(map, "fileNames", fileNames);
        put(map, "stackTrace", stackTrace);
        put(map, "logLines", logLines);
        put(map, "errorWords", errorWords);
        put(map, "greeting", greeting);
        put(map, "question", question);
        put(map, "longDocument", longDocument);
        put(map, "mathNotation", mathNotation);
        if (!intents.isEmpty()) {
            map.put("intents", intents);
        }
        if (asks > 1) {
            map.put("asks", asks);
        }
        if (constraints > 0) {
            map.put("constraints", constraints);
        }
        put(map, "followUp", followUp);
        if (sensitive.any()) {
            map.put("sensitiveData", sensitive.kinds());
        }
        return map;
    }

    private static void put(Map<String, Object> map, String key, boolean value) {
        if (value) {
            map.put(key, true);
        }
    }
}

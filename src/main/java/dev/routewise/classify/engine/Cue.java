package dev.routewise.classify.engine;

/** Word groups the signal tier counts. The first ten are intents; the rest are topics and tone. */
enum Cue {
    WRITE("write"), FIX("fix"), EXPLAIN("explain"), REVIEW("review"), TRANSLATE("translate"),
    SUMMARIZE("summarize"), PLAN("plan"), ANALYZE("analyze"), SOLVE("solve"), IMAGINE("imagine"),
    ASK_FACT("askFact"), CODE_NOUN("codeWords"), ERROR_NOUN("errorWords"), REVIEW_NOUN("reviewWords"),
    MATH_NOUN("mathWords"), CREATIVE_NOUN("creativeWords"), ANALYSIS_NOUN("analysisWords"),
    PLAN_NOUN("planWords"), TEXT_NOUN("textWords"), SMALLTALK("smallTalk"), LANGUAGE_NAME("languageName"),
    QUICK("quick"), DEPTH("depth"), STAKES("stakes"), CONSTRAINT("constraint"), REASONING("reasoning"),
    HARD_DOMAIN("hardDomain"), FOLLOWUP("followUp"), PROG_LANGUAGE("programmingLanguage");

    static final int INTENTS = 10;
    static final Cue[] ALL = values();

    final String label;
    final long bit;

    Cue(String label) {
        this.label = label;
        this.bit = 1L << ordinal();
    }
}

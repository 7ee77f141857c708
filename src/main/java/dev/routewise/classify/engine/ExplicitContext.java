package dev.routewise.classify.engine;

import java.util.Locale;

/**
 * Tier 1: what the caller already knows. An explicit {@code task} decides the label; a {@code space}
 * type (coding, writing, research, general) leans towards its family of tasks and picks the label
 * when nothing else is confident; an {@code area} with a {@code lockedModel} decides the model;
 * a {@code policy} of {@value #APPROVED_ONLY} restricts routing to approved models.
 */
public record ExplicitContext(TaskLabel task, String space, String area, String lockedModel, String policy) {

    public static final String APPROVED_ONLY = "approved-only";
    public static final ExplicitContext NONE = new ExplicitContext(null, null, null, null, null);

    public ExplicitContext {
        space = blankToNull(space) == null ? null : space.trim().toLowerCase(Locale.ROOT);
        area = blankToNull(area);
        lockedModel = blankToNull(lockedModel);
        policy = blankToNull(policy) == null ? null : policy.trim().toLowerCase(Locale.ROOT);
    }

    public boolean restrictsModels() {
        return policy != null && !policy.equals("none") && !policy.equals("default");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

package dev.routewise.routing;

import dev.routewise.routing.engine.Factors;
import dev.routewise.routing.engine.RouteDecision;
import dev.routewise.routing.engine.ScoredCandidate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Answers "why was model X not chosen?" about a decision in one sentence: its exclusion reasons, or how its score
 * and factors compare with the chosen model's. Used by the routing test bench.
 */
public final class WhyNot {

    /** Factor differences smaller than this are rounding noise, not a reason. */
    private static final double NOISE = 0.005;

    private record Factor(String name, ToDoubleFunction<Factors> value) {
    }

    private static final List<Factor> FACTORS = List.of(new Factor("capability", Factors::capability),
            new Factor("cost", Factors::cost), new Factor("quality", Factors::quality),
            new Factor("latency", Factors::latency), new Factor("historical", Factors::historical));

    private WhyNot() {
    }

    public static String explain(RouteDecision decision, String modelId) {
        ScoredCandidate candidate = decision.candidates().stream().filter(c -> c.id().equals(modelId)).findFirst()
                .orElse(null);
        if (candidate == null) {
            return modelId + " was not a candidate for this request.";
        }
        if (!candidate.eligible()) {
            return modelId + " was excluded: " + candidate.excludedBecause() + ".";
        }
        ScoredCandidate chosen = decision.chosen();
        if (chosen == null) {
            return modelId + " was eligible, but no model was chosen.";
        }
        if (chosen.id().equals(modelId)) {
            return modelId + " is the chosen model.";
        }
        if ("override".equals(decision.rule())) {
            return "A per-task override chose " + chosen.id() + "; " + modelId + " scored "
                    + score(candidate.score()) + ".";
        }
        List<String> behind = behind(candidate.factors(), chosen.factors());
        StringBuilder b = new StringBuilder(modelId).append(" scored ").append(score(candidate.score()))
                .append(" vs the chosen model's ").append(score(chosen.score()));
        if (!behind.isEmpty()) {
            b.append(": lower on ").append(String.join(", ", behind));
        } else if (candidate.tierFit() < chosen.tierFit() - NOISE) {
            b.append(": its cost tier fits the ").append(decision.profile()).append(" profile less well");
        } else {
            b.append(": ranked behind on ties");
        }
        return b.append('.').toString();
    }

    /** The factors where the candidate trails the chosen model, the largest gap first. */
    private static List<String> behind(Factors candidate, Factors chosen) {
        List<Factor> trailing = new ArrayList<>();
        for (Factor f : FACTORS) {
            if (f.value().applyAsDouble(candidate) < f.value().applyAsDouble(chosen) - NOISE) {
                trailing.add(f);
            }
        }
        trailing.sort(Comparator.comparingDouble(
                (Factor f) -> f.value().applyAsDouble(candidate) - f.value().applyAsDouble(chosen)));
        return trailing.stream().map(Factor::name).toList();
    }

    private static String score(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }
}

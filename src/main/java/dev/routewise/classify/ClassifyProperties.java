package dev.routewise.classify;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param embeddings      load the in-process embedding model at start-up (in the background); off = signals only
 * @param signalsDecisive the signals tier decides alone when its top label reaches this probability
 * @param generalBelow    below this confidence the task is "general"
 * @param maxPromptChars  longest prompt (or chat, all messages) accepted by POST /api/v1/classify
 */
@Validated
@ConfigurationProperties("routewise.classify")
public record ClassifyProperties(
        @DefaultValue("true") boolean embeddings,
        @DecimalMin("0.05") @DecimalMax("1.0") @DefaultValue("0.9") double signalsDecisive,
        @DecimalMin("0.0") @DecimalMax("0.95") @DefaultValue("0.3") double generalBelow,
        @Min(1000) @DefaultValue("200000") int maxPromptChars) {
}

package dev.routewise.spend;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;
import java.time.ZoneId;

/**
 * How budgets and the cost ledger count spend.
 *
 * @param timeZone      the zone whose calendar days and months are the budgets' windows, and the days and months
 *                      the cost ledger aggregates and reports by
 * @param reserveMargin extra share of the estimate a reservation holds, so that a call costing up to
 *                      {@code estimate * (1 + margin)} cannot push a budget past its limit even when many calls are
 *                      in flight; set it to the gateway's worst estimation error
 */
@Validated
@ConfigurationProperties("routewise.spend")
public record SpendProperties(@NotNull @DefaultValue("UTC") ZoneId timeZone,
                              @NotNull @DecimalMin("0") @DefaultValue("0.2") BigDecimal reserveMargin) {
}

package dev.routewise.security;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param adminUser          user created as admin on first start with an empty database
 * @param adminPassword      that user's password; blank means generate one and log it once
 * @param masterKey          an API key with the admin role for automation; blank disables it
 * @param loginMaxFailures   failed sign-ins (per user name and per address) before sign-in pauses
 * @param loginFailureWindow how long a failed sign-in counts
 * @param loginLockout       how long sign-in pauses once the limit is reached
 * @param minPasswordLength  shortest password accepted
 */
@Validated
@ConfigurationProperties("routewise.security")
public record SecurityProperties(
        @DefaultValue("admin") String adminUser,
        @DefaultValue("") String adminPassword,
        @DefaultValue("") String masterKey,
        @Min(1) @DefaultValue("5") int loginMaxFailures,
        @DefaultValue("15m") Duration loginFailureWindow,
        @DefaultValue("15m") Duration loginLockout,
        @Min(8) @DefaultValue("10") int minPasswordLength) {
}

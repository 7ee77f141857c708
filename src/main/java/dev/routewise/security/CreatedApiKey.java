package dev.routewise.security;

/** A newly created key with its secret, which is shown this once and never again. */
public record CreatedApiKey(ApiKeyInfo key, String secret) {
}

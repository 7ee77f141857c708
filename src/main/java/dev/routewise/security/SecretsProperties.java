package dev.routewise.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param key     master secret for encrypting provider API keys (env ROUTEWISE_SECRET_KEY); when blank, the key file is used
 * @param keyFile file holding a generated 256-bit key, created on first start
 */
@ConfigurationProperties("routewise.secrets")
public record SecretsProperties(@DefaultValue("") String key, @DefaultValue("./data/secret.key") String keyFile) {
}

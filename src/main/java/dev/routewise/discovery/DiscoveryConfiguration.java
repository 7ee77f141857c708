package dev.routewise.discovery;

import dev.routewise.discovery.client.DiscoveryHttp;
import dev.routewise.discovery.client.DiscoveryHttpSettings;
import dev.routewise.discovery.client.ModelListClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The provider API clients, configured from {@code routewise.discovery.*}. */
@Configuration(proxyBeanMethods = false)
class DiscoveryConfiguration {

    @Bean
    DiscoveryHttp discoveryHttp(DiscoveryProperties p) {
        return new DiscoveryHttp(new DiscoveryHttpSettings(p.connectTimeout(), p.requestTimeout(), p.maxAttempts(),
                p.initialBackoff(), p.maxRetryAfter(), p.maxBodyMegabytes() * 1024L * 1024L));
    }

    @Bean
    ModelListClients modelListClients(DiscoveryHttp http) {
        return new ModelListClients(http);
    }
}

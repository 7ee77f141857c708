package dev.routewise.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.session.HttpSessionEventPublisher;

/** Beans the services need, kept apart from the filter chains so nothing depends on itself. */
@Configuration(proxyBeanMethods = false)
class SecurityBeans {

    /** bcrypt by default; the {id} prefix lets a later switch (e.g. to argon2) keep old hashes working. */
    /**
     * No observations of Spring Security's filters, authentication and authorization: wrapping every filter of every
     * API call in an observation cost about a tenth of a gateway call's CPU, and nothing reads them. The
     * {@code http.server.requests} metrics stay.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Knows every signed-in session, so disabling a user signs them out everywhere. */
    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistryImpl();
    }

    @Bean
    HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }
}

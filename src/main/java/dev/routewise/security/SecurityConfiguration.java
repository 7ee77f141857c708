package dev.routewise.security;

import dev.routewise.security.ui.LoginView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

import static com.vaadin.flow.spring.security.VaadinSecurityConfigurer.vaadin;

/**
 * Two filter chains: a stateless one for the REST API, the gateway and actuator (API keys,
 * no CSRF, problem+json errors), and Vaadin's for the console (session sign-in, CSRF on).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity(jsr250Enabled = true)
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, ApiKeyService keys, JsonMapper json,
                                      SecurityContextHolderStrategy contexts) throws Exception {
        ProblemAuthenticationHandlers problems = new ProblemAuthenticationHandlers(json);
        return http
                .securityMatcher("/api/**", "/v1/**", "/actuator/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, json, contexts),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole(AppRoles.ADMIN)
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain consoleFilterChain(HttpSecurity http, SessionRegistry sessionRegistry) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth.requestMatchers("/styles/**", "/icons/**", "/images/**")
                        .permitAll())
                .sessionManagement(s -> s.maximumSessions(-1).sessionRegistry(sessionRegistry))
                .with(vaadin(), vaadin -> vaadin.loginView(LoginView.class))
                .build();
    }

    @Bean
    AuthenticationProvider authenticationProvider(AccountUserDetailsService userDetails,
                                                  PasswordEncoder passwordEncoder, LoginThrottle throttle) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(userDetails);
        dao.setPasswordEncoder(passwordEncoder);
        return new ThrottledAuthenticationProvider(dao, throttle);
    }
}

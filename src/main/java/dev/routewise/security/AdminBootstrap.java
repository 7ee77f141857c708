package dev.routewise.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * First start on an empty database: creates the admin from ROUTEWISE_ADMIN_USER and
 * ROUTEWISE_ADMIN_PASSWORD, or with a generated password that is logged this once.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserService users;
    private final SecurityProperties properties;

    AdminBootstrap(UserService users, SecurityProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean generated = properties.adminPassword().isBlank();
        String password = generated ? generatePassword() : properties.adminPassword();
        if (!generated && password.length() < properties.minPasswordLength()) {
            log.warn("ROUTEWISE_ADMIN_PASSWORD is shorter than {} characters; change it after signing in",
                    properties.minPasswordLength());
        }
        users.bootstrapAdmin(properties.adminUser(), password).ifPresent(admin -> {
            if (generated) {
                log.warn("""

                        ================================================================
                         First start: created admin user '{}' with password: {}
                         This password is shown once. Sign in and change it.
                        ================================================================""",
                        admin.username(), password);
            } else {
                log.info("First start: created admin user '{}' from ROUTEWISE_ADMIN_USER/ROUTEWISE_ADMIN_PASSWORD",
                        admin.username());
            }
        });
    }

    private static String generatePassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

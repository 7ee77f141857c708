package dev.routewise.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/whoami}: who is calling and with which roles, for any authenticated caller. Reads only the
 * request's authentication (no database), so scripts can check a key cheaply and benchmarks use it as the
 * baseline of an authenticated request.
 */
@RestController
class WhoAmIController {

    /**
     * @param name  the caller as the audit log names it: the key owner's user name, or {@code key:<prefix>}
     * @param kind  {@code api-key} or {@code user}
     * @param roles every role the caller has, lowest first (an admin is also operator and viewer)
     */
    record WhoAmI(String name, String kind, List<String> roles) {
    }

    @GetMapping("/api/v1/whoami")
    WhoAmI whoami(Authentication authentication) {
        Set<String> authorities = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        List<String> roles = new ArrayList<>();
        for (Role role : Role.values()) {
            if (authorities.contains("ROLE_" + role.name())) {
                roles.add(role.name());
            }
        }
        String kind = authentication.getPrincipal() instanceof ApiKeyPrincipal ? "api-key" : "user";
        return new WhoAmI(authentication.getName(), kind, roles);
    }
}

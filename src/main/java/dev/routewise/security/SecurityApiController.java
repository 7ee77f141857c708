package dev.routewise.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** REST for the caller's identity, API keys, users and the audit log. */
@RestController
@RequestMapping("/api/v1")
class SecurityApiController {

    record Me(String name, String kind, Role role) {
    }

    record CreateKeyRequest(@NotBlank String name, @NotNull Role role) {
    }

    record CreatedKeyResponse(long id, String name, String prefix, Role role, String owner, Instant createdAt,
                              String secret) {
    }

    record CreateUserRequest(@NotBlank String username, @NotBlank String password, @NotNull Role role) {
    }

    record Page<T>(List<T> items, long total, long offset, int limit) {
    }

    private final ApiKeyService keys;
    private final UserService users;
    private final AuditService audit;

    SecurityApiController(ApiKeyService keys, UserService users, AuditService audit) {
        this.keys = keys;
        this.users = users;
        this.audit = audit;
    }

    /** Who the key belongs to; also the cheapest authenticated call, handy to check a key. */
    @GetMapping("/me")
    Me me(Authentication authentication) {
        ApiKeyPrincipal key = (ApiKeyPrincipal) authentication.getPrincipal();
        return new Me(authentication.getName(), key.master() ? "master-key" : "api-key", key.role());
    }

    @GetMapping("/keys")
    List<ApiKeyInfo> keys() {
        return keys.list();
    }

    @PostMapping("/keys")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedKeyResponse createKey(@Valid @RequestBody CreateKeyRequest request) {
        CreatedApiKey created = keys.create(request.name(), request.role());
        ApiKeyInfo k = created.key();
        return new CreatedKeyResponse(k.id(), k.name(), k.prefix(), k.role(), k.owner(), k.createdAt(),
                created.secret());
    }

    @DeleteMapping("/keys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeKey(@PathVariable long id) {
        keys.revoke(id);
    }

    @GetMapping("/users")
    List<TeamMember> users() {
        return users.list();
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    TeamMember createUser(@Valid @RequestBody CreateUserRequest request) {
        return users.create(request.username(), request.password(), request.role());
    }

    @GetMapping("/audit")
    @RolesAllowed(AppRoles.ADMIN)
    Page<AuditEvent> audit(@RequestParam(required = false) AuditAction action,
                           @RequestParam(required = false) String actor,
                           @RequestParam(required = false) String q,
                           @RequestParam(required = false) Instant from,
                           @RequestParam(required = false) Instant to,
                           @RequestParam(defaultValue = "0") long offset,
                           @RequestParam(defaultValue = "50") int limit) {
        AuditFilter filter = new AuditFilter(action, actor, q, from, to);
        int size = Math.clamp(limit, 1, 500);
        return new Page<>(audit.find(filter, Math.max(0, offset), size), audit.count(filter), offset, size);
    }
}

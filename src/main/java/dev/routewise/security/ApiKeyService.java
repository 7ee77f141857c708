package dev.routewise.security;

import dev.routewise.base.InvalidInputException;
import dev.routewise.base.NotFoundException;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * API keys: created with a random secret shown once, stored as a SHA-256 hash, revoked at will.
 * Authentication is a hash lookup in memory, and "last used" is written in batches off the
 * request thread, so checking a key never waits on the database.
 */
@Service
public class ApiKeyService implements SmartInitializingSingleton {

    static final String SECRET_PREFIX = "rw_";
    private static final int PREFIX_LENGTH = SECRET_PREFIX.length() + 8;

    private final ApiKeyRepository keys;
    private final UserRepository users;
    private final AuditService audit;
    private final CurrentActor actor;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final byte[] masterKeyHash;

    /** Active keys by secret hash. */
    private final Map<String, ApiKeyPrincipal> active = new ConcurrentHashMap<>();
    /** Last use per key id, not yet written. */
    private final Map<Long, Instant> pendingLastUsed = new ConcurrentHashMap<>();

    ApiKeyService(ApiKeyRepository keys, UserRepository users, AuditService audit, CurrentActor actor,
                  SecurityProperties properties, Clock clock) {
        this.keys = keys;
        this.users = users;
        this.audit = audit;
        this.actor = actor;
        this.clock = clock;
        this.masterKeyHash = properties.masterKey().isBlank() ? null : sha256(properties.masterKey());
    }

    @Override
    public void afterSingletonsInstantiated() {
        Map<Long, String> owners = ownerNames();
        keys.findAllByRevokedAtIsNull().forEach(k -> active.put(k.secretHash(), principal(k, owners)));
    }

    /** The key's caller, when the secret belongs to an active key or is the master key. */
    public Optional<ApiKeyPrincipal> authenticate(String secret) {
        if (secret == null || secret.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = sha256(secret);
        if (masterKeyHash != null && MessageDigest.isEqual(hash, masterKeyHash)) {
            return Optional.of(new ApiKeyPrincipal(null, "master key", "(master)", Role.ADMIN, null));
        }
        ApiKeyPrincipal principal = active.get(HexFormat.of().formatHex(hash));
        if (principal != null) {
            pendingLastUsed.put(principal.keyId(), clock.instant());
        }
        return Optional.ofNullable(principal);
    }

    @RolesAllowed(AppRoles.ADMIN)
    @Transactional
    public CreatedApiKey create(String name, Role role) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > 80) {
            throw new InvalidInputException("name", "Give the key a name of 1 to 80 characters");
        }
        if (role == null) {
            throw new InvalidInputException("role", "Choose a role");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String hash = HexFormat.of().formatHex(sha256(secret));
        Long ownerId = ownerOfNewKey();
        ApiKey saved = keys.save(new ApiKey(null, trimmed, secret.substring(0, PREFIX_LENGTH), hash, role, ownerId,
                actor.name(), clock.instant(), null, null));
        Map<Long, String> owners = ownerNames();
        active.put(hash, principal(saved, owners));
        audit.record(AuditAction.API_KEY_CREATED, saved.prefix(), "\"" + trimmed + "\", role " + role.name());
        return new CreatedApiKey(info(saved, owners), secret);
    }

    @RolesAllowed(AppRoles.ADMIN)
    public List<ApiKeyInfo> list() {
        Map<Long, String> owners = ownerNames();
        return keys.findAllByOrderByCreatedAtDesc().stream().map(k -> info(k, owners)).toList();
    }

    @RolesAllowed(AppRoles.ADMIN)
    @Transactional
    public ApiKeyInfo revoke(long id) {
        ApiKey key = keys.findById(id).orElseThrow(() -> new NotFoundException("API key", id));
        if (!key.active()) {
            return info(key, ownerNames());
        }
        ApiKey revoked = keys.save(key.withRevokedAt(clock.instant()));
        active.remove(key.secretHash());
        audit.record(AuditAction.API_KEY_REVOKED, key.prefix(), "\"" + key.name() + "\"");
        return info(revoked, ownerNames());
    }

    /** Writes the last-use times gathered since the previous flush, in one short transaction. */
    @Scheduled(fixedDelayString = "${routewise.security.key-usage-flush:30s}")
    @PreDestroy
    @Transactional
    public void flushLastUsed() {
        if (pendingLastUsed.isEmpty()) {
            return;
        }
        for (Long id : List.copyOf(pendingLastUsed.keySet())) {
            Instant at = pendingLastUsed.remove(id);
            if (at != null) {
                keys.updateLastUsed(id, at);
            }
        }
    }

    private Long ownerOfNewKey() {
        Optional<String> username = actor.username();
        if (username.isPresent()) {
            return users.findByUsernameIgnoreCase(username.get()).map(UserAccount::id).orElse(null);
        }
        // a key created through the API belongs to the owner of the key that created it
        return actor.apiKey().map(ApiKeyPrincipal::owner)
                .flatMap(users::findByUsernameIgnoreCase).map(UserAccount::id).orElse(null);
    }

    private Map<Long, String> ownerNames() {
        return users.findAll().stream().collect(Collectors.toMap(UserAccount::id, UserAccount::username,
                (a, b) -> a));
    }

    private ApiKeyInfo info(ApiKey key, Map<Long, String> owners) {
        Instant lastUsed = pendingLastUsed.getOrDefault(key.id(), key.lastUsedAt());
        return new ApiKeyInfo(key.id(), key.name(), key.prefix(), key.role(),
                key.ownerId() == null ? null : owners.get(key.ownerId()), key.createdBy(), key.createdAt(), lastUsed,
                key.revokedAt());
    }

    private static ApiKeyPrincipal principal(ApiKey key, Map<Long, String> owners) {
        return new ApiKeyPrincipal(key.id(), key.name(), key.prefix(), key.role(),
                key.ownerId() == null ? null : owners.get(key.ownerId()));
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

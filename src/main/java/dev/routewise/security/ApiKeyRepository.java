package dev.routewise.security;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

import java.time.Instant;
import java.util.List;

interface ApiKeyRepository extends ListCrudRepository<ApiKey, Long> {

    List<ApiKey> findAllByRevokedAtIsNull();

    List<ApiKey> findAllByOrderByCreatedAtDesc();

    @Modifying
    @Query("UPDATE api_key SET last_used_at = :at WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :at)")
    void updateLastUsed(long id, Instant at);
}

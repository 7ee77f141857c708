package dev.routewise.catalog;

import dev.routewise.base.InvalidInputException;
import dev.routewise.security.AppRoles;
import jakarta.annotation.security.RolesAllowed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the price catalog used to enrich models whose provider lists ids only. Starts from the
 * last catalog an admin loaded, else the LiteLLM snapshot shipped in the jar (MIT, see
 * catalog/LITELLM-LICENSE). A refresh that is not a valid catalog changes nothing.
 */
@Service
public class PriceCatalogService {

    private static final Logger log = LoggerFactory.getLogger(PriceCatalogService.class);
    static final String SHIPPED = "catalog/litellm_model_prices.json";
    static final String SHIPPED_NAME = "shipped LiteLLM snapshot (2026-02-20)";
    private static final long MAX_BYTES = 64L * 1024 * 1024;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AtomicReference<PriceCatalog> current = new AtomicReference<>();
    private final AtomicReference<PriceCatalogInfo> info = new AtomicReference<>();

    PriceCatalogService(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        load();
    }

    public PriceCatalog current() {
        return current.get();
    }

    public PriceCatalogInfo info() {
        return info.get();
    }

    @RolesAllowed(AppRoles.ADMIN)
    public PriceCatalogInfo refreshFromUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("url", "Not a valid URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new InvalidInputException("url", "Use an http or https URL");
        }
        byte[] body;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build()) {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                body = in.readNBytes((int) MAX_BYTES + 1);
            }
            if (response.statusCode() / 100 != 2) {
                throw new InvalidInputException("url", "The server answered HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            throw new InvalidInputException("url", "Cannot download it: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidInputException("url", "Interrupted");
        }
        return store(body, uri.toString(), "url");
    }

    @RolesAllowed(AppRoles.ADMIN)
    public PriceCatalogInfo upload(byte[] content, String fileName) {
        return store(content, fileName == null || fileName.isBlank() ? "upload" : "upload: " + fileName, "file");
    }

    private PriceCatalogInfo store(byte[] content, String source, String field) {
        if (content.length > MAX_BYTES) {
            throw new InvalidInputException(field, "The catalog is larger than 64 MB");
        }
        PriceCatalog parsed;
        try {
            parsed = PriceCatalog.parse(new ByteArrayInputStream(content), source);
        } catch (InvalidPriceCatalogException e) {
            throw new InvalidInputException(field, e.getMessage());
        }
        String by = SecurityContextHolder.getContext().getAuthentication() == null ? "system"
                : SecurityContextHolder.getContext().getAuthentication().getName();
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO price_catalog (source, loaded_at, loaded_by, entries, content) VALUES (?, ?, ?, ?, ?)")
                .params(source, now.toEpochMilli(), by, parsed.size(), new String(content, StandardCharsets.UTF_8))
                .update();
        PriceCatalogInfo loaded = new PriceCatalogInfo(source, now, by, parsed.size());
        current.set(parsed);
        info.set(loaded);
        log.info("Price catalog replaced: {} ({} entries)", source, parsed.size());
        return loaded;
    }

    private void load() {
        var latest = jdbc.sql("SELECT source, loaded_at, loaded_by, entries, content FROM price_catalog "
                        + "ORDER BY id DESC LIMIT 1")
                .query((rs, n) -> new Object[]{rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5)})
                .optional();
        if (latest.isPresent()) {
            Object[] row = latest.get();
            try {
                PriceCatalog parsed = PriceCatalog.parse(
                        new ByteArrayInputStream(((String) row[4]).getBytes(StandardCharsets.UTF_8)), (String) row[0]);
                current.set(parsed);
                info.set(new PriceCatalogInfo((String) row[0], Instant.ofEpochMilli((Long) row[1]), (String) row[2],
                        parsed.size()));
                return;
            } catch (InvalidPriceCatalogException e) {
                log.warn("The stored price catalog cannot be read ({}); using the shipped snapshot", e.getMessage());
            }
        }
        try (InputStream in = PriceCatalogService.class.getClassLoader().getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException(SHIPPED + " is missing from the jar");
            }
            PriceCatalog shipped = PriceCatalog.parse(in, SHIPPED_NAME);
            current.set(shipped);
            info.set(new PriceCatalogInfo(SHIPPED_NAME, null, null, shipped.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidPriceCatalogException e) {
            throw new IllegalStateException("The shipped price catalog is invalid", e);
        }
    }
}

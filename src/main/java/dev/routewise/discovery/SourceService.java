package dev.routewise.discovery;

import dev.routewise.base.HttpUrls;
import dev.routewise.base.InvalidInputException;
import dev.routewise.base.NotFoundException;
import dev.routewise.catalog.CatalogService;
import dev.routewise.catalog.SourceRef;
import dev.routewise.security.AppRoles;
import dev.routewise.security.SecretBox;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** Model sources: validated, API keys and extra headers encrypted, never shown back. */
@Service
public class SourceService {

    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}");
    private static final TypeReference<Map<String, String>> HEADER_MAP = new TypeReference<>() {
    };

    private final SourceRepository sources;
    private final RunRepository runs;
    private final CatalogService catalog;
    private final SecretBox secrets;
    private final ApplicationEventPublisher events;
    private final RunningRuns running;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    SourceService(SourceRepository sources, RunRepository runs, CatalogService catalog, SecretBox secrets,
                  ApplicationEventPublisher events, RunningRuns running, Clock clock) {
        this.sources = sources;
        this.runs = runs;
        this.catalog = catalog;
        this.secrets = secrets;
        this.events = events;
        this.running = running;
        this.clock = clock;
    }

    @PermitAll
    public List<ModelSource> list() {
        return sources.findAllByOrderByNameAsc().stream().map(this::view).toList();
    }

    @PermitAll
    public ModelSource get(long id) {
        return view(row(id));
    }

    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public ModelSource create(SourceInput input) {
        SourceType type = type(input.type());
        String name = name(input.name(), null);
        String baseUrl = url("baseUrl", blankToNull(input.baseUrl()) == null ? type.defaultBaseUrl() : input.baseUrl(),
                true);
        String docUrl = blankToNull(input.docUrl()) == null ? type.defaultDocUrl() : url("docUrl", input.docUrl(), false);
        String schedule = schedule(input.schedule());
        Map<String, String> headers = headers(input.extraHeaders());
        String apiKey = blankToNull(input.apiKey());
        Instant now = clock.instant();
        SourceRow saved = sources.save(new SourceRow(null, name, slug(name), type.key(), baseUrl, null, null, docUrl,
                input.enabled() == null || input.enabled(), schedule, null, now, now));
        saved = sources.save(withSecrets(saved, apiKey, headers));
        catalog.seedFallbacks(ref(saved));
        events.publishEvent(new SourceEvents.SourceSaved(saved.id(), true, saved.enabled()));
        return view(saved);
    }

    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public ModelSource update(long id, SourceInput input) {
        SourceRow row = row(id);
        SourceType type = input.type() == null ? type(row.type()) : type(input.type());
        if (!type.key().equals(row.type()) && catalog.countBySource(id) > 0) {
            throw new InvalidInputException("type", "The type of a source with models cannot change; "
                    + "add a new source instead");
        }
        String name = input.name() == null ? row.name() : name(input.name(), id);
        String baseUrl = input.baseUrl() == null ? row.baseUrl() : url("baseUrl", blankToNull(input.baseUrl()) == null
                ? type.defaultBaseUrl() : input.baseUrl(), true);
        String docUrl = input.docUrl() == null ? row.docUrl()
                : blankToNull(input.docUrl()) == null ? type.defaultDocUrl() : url("docUrl", input.docUrl(), false);
        String schedule = input.schedule() == null ? row.schedule() : schedule(input.schedule());
        boolean enabled = input.enabled() == null ? row.enabled() : input.enabled();
        String apiKey = input.apiKey() == null ? decryptKey(row) : blankToNull(input.apiKey());
        Map<String, String> headers = input.extraHeaders() == null ? decryptHeaders(row) : headers(input.extraHeaders());

        boolean keyChanged = !Objects.equals(apiKey, decryptKey(row));
        boolean endpointChanged = keyChanged || !baseUrl.equals(row.baseUrl())
                || !Objects.equals(headers, decryptHeaders(row)) || (enabled && !row.enabled());
        SourceRow updated = withSecrets(new SourceRow(id, name, row.slug(), type.key(), baseUrl, null, null, docUrl,
                enabled, schedule, null, row.createdAt(), clock.instant()), apiKey, headers);
        sources.save(updated);
        events.publishEvent(new SourceEvents.SourceSaved(id, false, endpointChanged && enabled));
        // enabling or disabling a source changes which of its models can be routed to
        events.publishEvent(new dev.routewise.catalog.CatalogChanged(id));
        return view(updated);
    }

    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public void delete(long id) {
        SourceRow row = row(id);
        sources.delete(row);
        events.publishEvent(new SourceEvents.SourceDeleted(id));
        events.publishEvent(new dev.routewise.catalog.CatalogChanged(id));
    }

    /** The endpoint with the decrypted key, for discovery and (later) the gateway. Never expose it to a view. */
    public SourceEndpoint endpoint(long id) {
        SourceRow row = row(id);
        return new SourceEndpoint(type(row.type()), row.baseUrl(), decryptKey(row), decryptHeaders(row));
    }

    /** The endpoint an operator is editing: entered values, falling back to the stored key and headers. */
    @RolesAllowed(AppRoles.OPERATOR)
    public SourceEndpoint endpointFor(Long id, SourceInput input) {
        SourceType type = type(input.type());
        String baseUrl = url("baseUrl", blankToNull(input.baseUrl()) == null ? type.defaultBaseUrl() : input.baseUrl(),
                true);
        SourceRow stored = id == null ? null : row(id);
        String apiKey = input.apiKey() != null ? blankToNull(input.apiKey()) : stored == null ? null : decryptKey(stored);
        Map<String, String> headers = input.extraHeaders() != null ? headers(input.extraHeaders())
                : stored == null ? Map.of() : decryptHeaders(stored);
        return new SourceEndpoint(type, baseUrl, apiKey, headers);
    }

    SourceRef ref(long id) {
        return ref(row(id));
    }

    List<SourceRow> rows() {
        return sources.findAll();
    }

    private SourceRef ref(SourceRow row) {
        return new SourceRef(row.id(), row.slug(), row.type());
    }

    private SourceRow row(long id) {
        return sources.findById(id).orElseThrow(() -> new NotFoundException("Source", id));
    }

    private ModelSource view(SourceRow row) {
        DiscoveryRun last = runs.findLastFinished(row.id()).map(r -> r.toRun(row.name())).orElse(null);
        List<String> headerNames = List.copyOf(decryptHeaders(row).keySet());
        return new ModelSource(row.id(), row.name(), row.slug(), type(row.type()), row.baseUrl(), row.apiKeyHint(),
                row.docUrl(), row.enabled(), row.schedule(), headerNames, catalog.countBySource(row.id()),
                catalog.hasFallbacks(row.id()), last, running.isRunning(row.id()), row.createdAt());
    }

    private SourceRow withSecrets(SourceRow row, String apiKey, Map<String, String> headers) {
        String keyCipher = apiKey == null ? null : secrets.encrypt(apiKey, purpose(row.id(), "api-key"));
        String headerCipher = headers.isEmpty() ? null
                : secrets.encrypt(json.writeValueAsString(headers), purpose(row.id(), "headers"));
        return new SourceRow(row.id(), row.name(), row.slug(), row.type(), row.baseUrl(), keyCipher,
                SecretBox.mask(apiKey), row.docUrl(), row.enabled(), row.schedule(), headerCipher, row.createdAt(),
                row.updatedAt());
    }

    private String decryptKey(SourceRow row) {
        return row.apiKeyCipher() == null ? null : secrets.decrypt(row.apiKeyCipher(), purpose(row.id(), "api-key"));
    }

    private Map<String, String> decryptHeaders(SourceRow row) {
        if (row.extraHeaders() == null) {
            return Map.of();
        }
        return json.readValue(secrets.decrypt(row.extraHeaders(), purpose(row.id(), "headers")), HEADER_MAP);
    }

    private static String purpose(Long id, String what) {
        return "source:" + id + ":" + what;
    }

    private static SourceType type(String key) {
        return SourceType.fromKey(key).orElseThrow(() -> new InvalidInputException("type",
                "Choose one of: openai, anthropic, google, groq, openrouter, vercel, ollama, openai-compatible"));
    }

    private String name(String name, Long id) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 80) {
            throw new InvalidInputException("name", "Give the source a name of 1 to 80 characters");
        }
        sources.findByNameIgnoreCase(n).filter(other -> !other.id().equals(id)).ifPresent(other -> {
            throw new InvalidInputException("name", "A source named " + other.name() + " already exists");
        });
        return n;
    }

    private String slug(String name) {
        String base = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (base.isEmpty()) {
            base = "source";
        }
        String slug = base;
        for (int i = 2; sources.existsBySlug(slug); i++) {
            slug = base + "-" + i;
        }
        return slug;
    }

    private static String url(String field, String value, boolean required) {
        if ((value == null || value.isBlank()) && !required) {
            return null;
        }
        String v = HttpUrls.require(field, value).toString();
        return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
    }

    private static String schedule(String text) {
        try {
            return SourceSchedule.parse(text).map(SourceSchedule::text).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("schedule", e.getMessage());
        }
    }

    private static Map<String, String> headers(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return Map.of();
        }
        Map<String, String> clean = new LinkedHashMap<>();
        headers.forEach((k, v) -> {
            String name = k == null ? "" : k.strip();
            if (!HEADER_NAME.matcher(name).matches()) {
                throw new InvalidInputException("extraHeaders", "Not a valid header name: '" + name + "'");
            }
            if (v == null || v.contains("\n") || v.contains("\r")) {
                throw new InvalidInputException("extraHeaders", "The value of " + name + " must be one line");
            }
            clean.put(name, v.strip());
        });
        return clean;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

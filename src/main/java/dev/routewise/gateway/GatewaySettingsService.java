package dev.routewise.gateway;

import dev.routewise.base.InvalidInputException;
import dev.routewise.base.NotFoundException;
import dev.routewise.routing.ProfileDeleted;
import dev.routewise.routing.RoutingService;
import dev.routewise.routing.engine.Profile;
import dev.routewise.security.AppRoles;
import dev.routewise.security.AuditAction;
import dev.routewise.security.AuditService;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How the gateway treats requests beyond routing: which profiles cascade (try a cheaper model first and escalate
 * when its answer fails a check) and the system-prompt templates per model or provider. Read from memory on every
 * request; written here, audited, and reloaded.
 */
@Service
public class GatewaySettingsService {

    /** A profile's cascade; {@code cheapModel} null means the cheapest model that fits each request. */
    public record Cascade(String profile, String cheapModel) {
    }

    /** A system-prompt template as shown and edited. */
    public record PromptTemplate(Long id, String target, String position, String text, boolean enabled) {
    }

    static final int MAX_TEMPLATE_CHARS = 20_000;

    private final JdbcClient jdbc;
    private final RoutingService routing;
    private final AuditService audit;
    private volatile Map<String, Cascade> cascades = Map.of();
    private volatile PromptTemplates templates = new PromptTemplates(List.of());

    GatewaySettingsService(JdbcClient jdbc, RoutingService routing, AuditService audit) {
        this.jdbc = jdbc;
        this.routing = routing;
        this.audit = audit;
    }

    @PostConstruct
    void load() {
        cascades = jdbc.sql("SELECT profile, cheap_model FROM gateway_cascade ORDER BY profile")
                .query((rs, n) -> new Cascade(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toUnmodifiableMap(Cascade::profile, c -> c));
        templates = new PromptTemplates(templates().stream().map(t -> new PromptTemplates.Template(t.id(),
                t.target(), t.position(), t.text(), t.enabled())).toList());
    }

    /** The cascade of a profile, from memory. */
    Optional<Cascade> cascadeOf(String profile) {
        return profile == null ? Optional.empty() : Optional.ofNullable(cascades.get(profile));
    }

    /** The templates, from memory. */
    PromptTemplates promptTemplates() {
        return templates;
    }

    @PermitAll
    public List<Cascade> cascades() {
        return cascades.values().stream().sorted(java.util.Comparator.comparing(Cascade::profile)).toList();
    }

    /** Turns a profile's cascade on (with an optional fixed cheap model) or, with {@code on} false, off. */
    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public Optional<Cascade> setCascade(String profile, boolean on, String cheapModel) {
        if (routing.profiles().stream().map(Profile::name).noneMatch(p -> p.equals(profile))) {
            throw new InvalidInputException("profile", "No profile is called '" + profile + "'");
        }
        String model = cheapModel == null || cheapModel.isBlank() ? null : cheapModel.strip();
        if (model != null && !routing.modelIds().contains(model)) {
            throw new InvalidInputException("cheapModel", "The model '" + model + "' is not in the catalog");
        }
        Optional<Cascade> before = cascadeOf(profile);
        if (on) {
            jdbc.sql("INSERT OR REPLACE INTO gateway_cascade (profile, cheap_model) VALUES (?, ?)")
                    .params(profile, model).update();
        } else {
            jdbc.sql("DELETE FROM gateway_cascade WHERE profile = ?").param(profile).update();
        }
        audit.recordChange(AuditAction.ROUTER_CHANGED, "cascade of " + profile, describe(before),
                on ? "on, cheap model " + (model == null ? "the cheapest that fits" : model) : "off");
        load();
        return cascadeOf(profile);
    }

    /** A deleted profile's cascade goes with it, so a new profile of the same name starts without one. */
    @EventListener
    void profileDeleted(ProfileDeleted e) {
        if (jdbc.sql("DELETE FROM gateway_cascade WHERE profile = ?").param(e.name()).update() > 0) {
            load();
        }
    }

    @PermitAll
    public List<PromptTemplate> templates() {
        return jdbc.sql("SELECT id, target, position, text, enabled FROM gateway_prompt_template ORDER BY target")
                .query((rs, n) -> new PromptTemplate(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5) != 0)).list();
    }

    /** Creates (id null) or replaces a template. */
    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public PromptTemplate saveTemplate(PromptTemplate t) {
        String target = t.target() == null ? "" : t.target().strip();
        if (target.isEmpty()) {
            throw new InvalidInputException("target", "Name a model id, a provider as 'provider/*', or '*'");
        }
        if (!target.equals("*") && !target.endsWith("/*") && !routing.modelIds().contains(target)) {
            throw new InvalidInputException("target", "'" + target + "' is neither a catalog model, a provider "
                    + "as 'provider/*', nor '*'");
        }
        String position = t.position() == null ? "prepend" : t.position().strip();
        if (!position.equals("prepend") && !position.equals("append")) {
            throw new InvalidInputException("position", "Say prepend or append");
        }
        if (t.text() == null || t.text().isBlank()) {
            throw new InvalidInputException("text", "Write the text to add to the system prompt");
        }
        if (t.text().length() > MAX_TEMPLATE_CHARS) {
            throw new InvalidInputException("text", "At most " + MAX_TEMPLATE_CHARS + " characters");
        }
        Optional<PromptTemplate> clash = templates().stream().filter(o -> o.target().equals(target)
                && !o.id().equals(t.id())).findFirst();
        if (clash.isPresent()) {
            throw new InvalidInputException("target", "'" + target + "' already has a template");
        }
        long id;
        if (t.id() == null) {
            id = jdbc.sql("INSERT INTO gateway_prompt_template (target, position, text, enabled) VALUES (?, ?, ?, ?) "
                    + "RETURNING id").params(target, position, t.text(), t.enabled() ? 1 : 0).query(Long.class)
                    .single();
        } else {
            id = t.id();
            if (jdbc.sql("UPDATE gateway_prompt_template SET target = ?, position = ?, text = ?, enabled = ? "
                    + "WHERE id = ?").params(target, position, t.text(), t.enabled() ? 1 : 0, id).update() == 0) {
                throw new NotFoundException("Prompt template", id);
            }
        }
        audit.recordChange(AuditAction.ROUTER_CHANGED, "prompt template " + target, t.id() == null ? "none"
                : "edited", position + (t.enabled() ? "" : ", disabled") + ": " + t.text().length() + " characters");
        load();
        return new PromptTemplate(id, target, position, t.text(), t.enabled());
    }

    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public void deleteTemplate(long id) {
        PromptTemplate t = templates().stream().filter(o -> o.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundException("Prompt template", id));
        jdbc.sql("DELETE FROM gateway_prompt_template WHERE id = ?").param(id).update();
        audit.recordChange(AuditAction.ROUTER_CHANGED, "prompt template " + t.target(), t.position(), "deleted");
        load();
    }

    private static String describe(Optional<Cascade> c) {
        return c.map(x -> "on, cheap model " + (x.cheapModel() == null ? "the cheapest that fits" : x.cheapModel()))
                .orElse("off");
    }
}

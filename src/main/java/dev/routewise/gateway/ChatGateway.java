package dev.routewise.gateway;

import dev.routewise.base.InvalidInputException;
import dev.routewise.base.web.ProblemResponses;
import dev.routewise.classify.ClassifierService;
import dev.routewise.classify.ClassifyInputs;
import dev.routewise.gateway.protocol.CompletionChunks;
import dev.routewise.gateway.protocol.FailureClass;
import dev.routewise.gateway.protocol.StreamTranslator;
import dev.routewise.gateway.protocol.UpstreamRequest;
import dev.routewise.gateway.protocol.UpstreamStreamException;
import dev.routewise.gateway.protocol.Usage;
import dev.routewise.routing.RoutingService;
import dev.routewise.spend.BudgetExceededException;
import dev.routewise.spend.BudgetService;
import dev.routewise.spend.Reservation;
import dev.routewise.spend.Scope;
import dev.routewise.routing.engine.RouteConstraints;
import dev.routewise.routing.engine.RouteDecision;
import dev.routewise.routing.engine.ScoredCandidate;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Executes an OpenAI chat completion: routes it ({@code model} is {@code auto}, {@code router/<profile>} or a catalog
 * model), then calls the chosen model in its provider's protocol and, when that fails, the next model of the
 * fallback chain; the client sees one answer. Per model: retries with backoff after transient failures (honouring
 * Retry-After), rests after repeated failures ({@link Cooldowns}), skipped while a rate limit says no
 * ({@link RateLimits}); a prompt too long for a model goes to one with a larger context window. A streamed answer
 * is forwarded event by event; once anything reached the client the model is never switched: a stream that breaks
 * ends with an error event instead. Every request is recorded with its attempts, usage and cost
 * ({@link GatewayCallLog}), off the request thread.
 */
@Service
public class ChatGateway {

    /**
     * Who asks: the authenticated name and, for an API key, its id; and what routing rules may know about the
     * request (from the {@code x-routewise-*} headers and OpenAI's {@code user} field), with an explicit task.
     *
     * @param task a task label that skips classification, or null
     */
    public record Caller(String name, Long apiKeyId, RoutingService.RequestContext context, String task) {

        public Caller {
            context = context == null ? RoutingService.RequestContext.NONE : context;
        }

        public Caller(String name, Long apiKeyId) {
            this(name, apiKeyId, null, null);
        }
    }

    /** A whole answer: the status and body for the client, and the route it took. */
    /**
     * @param budget null, or what a budget did to the call: why it went to the eco profile, or why it was refused
     */
    public record Result(int status, JsonNode body, String decisionId, String model, int fallbacks,
                         List<String> attempts, String budget) {
    }

    /** Where a streamed answer goes: Server-Sent Events to the client. */
    public interface StreamSink {

        /** The first chunk is ready: send status 200 and the route headers. */
        void open(String decisionId, String model, int fallbacks, String budget) throws IOException;

        /** One {@code data:} event, flushed. */
        void send(String data) throws IOException;

        /** {@code data: [DONE]}, flushed. */
        void finish() throws IOException;
    }

    private final RoutingService routing;
    private final ClassifierService classifier;
    private final Targets targets;
    private final Upstreams upstreams;
    private final Cooldowns cooldowns;
    private final RateLimits rateLimits;
    private final StreamWatchdog watchdog;
    private final GatewayCallLog log;
    private final GatewaySettingsService settings;
    private final GatewayProperties properties;
    private final BudgetService budgets;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    ChatGateway(RoutingService routing, ClassifierService classifier, Targets targets, Upstreams upstreams,
                Cooldowns cooldowns, RateLimits rateLimits, StreamWatchdog watchdog, GatewayCallLog log,
                GatewaySettingsService settings, GatewayProperties properties, BudgetService budgets, Clock clock) {
        this.settings = settings;
        this.budgets = budgets;
        this.routing = routing;
        this.classifier = classifier;
        this.targets = targets;
        this.upstreams = upstreams;
        this.cooldowns = cooldowns;
        this.rateLimits = rateLimits;
        this.watchdog = watchdog;
        this.log = log;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Answers a non-streaming request. Not a method-security boundary, on purpose: every caller is already signed
     * in (the /v1 filter chain with an API key, the console's views with a session), and a proxy would cost every
     * gateway call a reflective call and an authorization observation.
     */
    public Result complete(ObjectNode body, Caller caller) throws InterruptedException {
        return new Run(body, caller, null).execute();
    }

    /**
     * Answers a streaming request into {@code sink}; returns null when the answer went there (successfully or
     * ended by an error event), or the error to answer with when nothing was sent. Signed-in callers only, as
     * {@link #complete}.
     */
    public Result stream(ObjectNode body, Caller caller, StreamSink sink) throws InterruptedException {
        Result r = new Run(body, caller, sink).execute();
        return r.status() == STREAMED ? null : r;
    }

    /** Whether the request asks for a streamed answer. */
    public static boolean wantsStream(JsonNode body) {
        return body.path("stream").asBoolean(false);
    }

    private static final int STREAMED = -1;
    private static final String ECO = "eco";

    /** One attempt's result. */
    private sealed interface Try {
    }

    /** A whole answer. */
    private record Answered(ObjectNode completion, Usage usage) implements Try {
    }

    /** A stream that reached the client; outcome ok, broken or cancelled. */
    private record Streamed(String outcome, Usage usage, String error) implements Try {
    }

    /** A failure before anything reached the client. */
    private record Failed(FailureClass failure, Integer status, String message, Duration retryAfter)
            implements Try {
    }

    /** One request on its way through the chain. */
    private final class Run {
        private final ObjectNode body;
        private final Caller caller;
        private final StreamSink sink;
        private final boolean stream;
        private final boolean includeUsage;
        private final long startNanos = System.nanoTime();
        private final long deadlineNanos;
        private final long createdAt = clock.millis();
        private final List<GatewayCall.Attempt> attempts = new ArrayList<>();
        private RoutingService.Routed routed;
        /** The routing context with OpenAI's {@code user} field folded in; set by {@link #route}. */
        private RoutingService.RequestContext context;
        /** What the call holds on its budgets; null before routing. Settled or released exactly once. */
        private Reservation reservation;
        private boolean settled;
        /** The cost of answers already generated (a cascade's escalated answer), which a next model adds to. */
        private BigDecimal generatedUsd = BigDecimal.ZERO;
        private BudgetExceededException overBudget;
        private String budgetNote;
        private long inputTokens;
        private long outputTokens;
        private long estimatedTokens;
        private Long ttftMs;
        private boolean opened;

        Run(ObjectNode body, Caller caller, StreamSink sink) {
            this.body = body;
            this.caller = caller;
            this.sink = sink;
            this.stream = sink != null;
            this.includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
            this.deadlineNanos = startNanos + properties.totalTimeout().toNanos();
        }

        Result execute() throws InterruptedException {
            try {
                return run();
            } finally {
                if (reservation != null && !settled) {
                    budgets.release(reservation);
                }
            }
        }

        private Result run() throws InterruptedException {
            routed = route(null);
            RouteDecision d = routed.decision();
            if (!d.routed()) {
                return noModel(d);
            }
            Scope scope = new Scope(endUser(), context.team(), caller.apiKeyId());
            try {
                reservation = budgets.reserve(scope, estimate(d.chosen().id()));
                if (reservation.degrade() && !ECO.equals(d.profile())) {
                    // a degrade budget is near its limit: the eco profile answers instead; what is held stays
                    budgetNote = "degraded to " + ECO + " by " + reservation.degradedBy().getFirst().describe();
                    routed = route(ECO);
                    d = routed.decision();
                    if (!d.routed()) {
                        return noModel(d);
                    }
                    reservation = budgets.raise(reservation, estimate(d.chosen().id()));
                }
            } catch (BudgetExceededException e) {
                return overBudget(e);
            }
            List<String> chain = new ArrayList<>();
            chain.add(d.chosen().id());
            chain.addAll(d.fallbackChain());
            Result cascaded = cascade(d);
            if (cascaded != null) {
                return cascaded;
            }
            int minContext = 0;
            Failed last = null;
            for (int i = 0; i < chain.size(); i++) {
                String id = chain.get(i);
                Targets.Target t = targets.of(id).orElse(null);
                if (t == null) {
                    skipped(id, null, "not_in_catalog", "no longer in the catalog");
                    continue;
                }
                String provider = t.model().provider();
                Integer context = t.model().contextTokens();
                if (minContext > 0 && context != null && context <= minContext) {
                    skipped(id, provider, "context_length", "its context window of " + context
                            + " tokens is not larger than the one that was too small");
                    continue;
                }
                Instant cooling = cooldowns.coolingUntil(id);
                if (cooling != null) {
                    skipped(id, provider, "cooling_down", "resting after failures until " + cooling);
                    continue;
                }
                if (!affordable(id, provider)) {
                    continue;
                }
                Optional<RateLimits.Blocked> blocked = rateLimits.acquire(id, estimatedTokens);
                if (blocked.isPresent()) {
                    skipped(id, provider, "rate_limited", "held back by " + blocked.get().reason() + " until "
                            + blocked.get().until());
                    continue;
                }
                Try r = null;
                for (int retry = 0; ; retry++) {
                    if (System.nanoTime() - deadlineNanos > 0) {
                        r = new Failed(FailureClass.TRANSIENT, null, "the request's total timeout of "
                                + properties.totalTimeout().toSeconds() + " s ran out", null);
                        break;
                    }
                    long started = clock.millis();
                    long t0 = System.nanoTime();
                    r = stream ? callStreaming(t, id, i) : call(t, id);
                    attempt(t, id, started, t0, r);
                    if (!(r instanceof Failed f) || f.failure() != FailureClass.TRANSIENT
                            || retry >= properties.retries()) {
                        break;
                    }
                    Duration pause = RetryPolicy.backoff(retry + 1, properties.initialBackoff(),
                            properties.maxBackoff());
                    if (f.retryAfter() != null) {
                        if (f.retryAfter().compareTo(properties.maxBackoff()) > 0) {
                            break;
                        }
                        pause = pause.compareTo(f.retryAfter()) > 0 ? pause : f.retryAfter();
                    }
                    if (System.nanoTime() + pause.toNanos() - deadlineNanos > 0) {
                        break;
                    }
                    Thread.sleep(pause);
                }
                switch (r) {
                    case Answered a -> {
                        cooldowns.succeeded(id);
                        return finish(200, a.completion(), t, i, "ok", null);
                    }
                    case Streamed s -> {
                        if (s.outcome().equals("ok")) {
                            cooldowns.succeeded(id);
                        }
                        return finish(STREAMED, null, t, i, s.outcome(), s.error());
                    }
                    case Failed f -> {
                        last = f;
                        afterFailure(id, f);
                        if (f.failure() == FailureClass.CLIENT || f.failure() == FailureClass.CONTENT_POLICY
                                && !properties.contentPolicyFallback()) {
                            return finish(f.status() == null ? 400 : f.status(), error(providerSaid(t, f),
                                    "invalid_request_error", f.failure().key()), null, i, "rejected", f.message());
                        }
                        if (f.failure() == FailureClass.CONTEXT_LENGTH) {
                            minContext = Math.max(minContext, context == null ? (int) estimatedTokens : context);
                            addLargerModels(chain, d, minContext);
                        }
                    }
                }
            }
            if (overBudget != null && attempts.stream().allMatch(a -> a.outcome().equals("skipped"))) {
                return overBudget(overBudget);
            }
            String summary = attempts.stream().map(GatewayCall.Attempt::summary).reduce((a, b) -> a + "; " + b)
                    .orElse("no model to try");
            boolean contextTooLong = last != null && last.failure() == FailureClass.CONTEXT_LENGTH;
            return finish(contextTooLong ? 400 : 502, error(contextTooLong
                            ? "The prompt is too long for every model that fits this request: " + summary
                            : "Every model of the chain failed: " + summary,
                    contextTooLong ? "invalid_request_error" : "server_error",
                    contextTooLong ? "context_length_exceeded" : "upstream_failed"), null, chain.size() - 1,
                    "failed", summary);
        }

        /**
         * A cascading profile first asks a cheaper model (whole, so its answer can be checked) and keeps the answer
         * when it passes {@link CascadeCheck}; otherwise (or when it fails) the chain runs as usual. Null then.
         */
        private Result cascade(RouteDecision d) throws InterruptedException {
            GatewaySettingsService.Cascade c = settings.cascadeOf(d.profile()).orElse(null);
            String cheap = c == null ? null : cheapModel(c, d);
            if (cheap == null) {
                return null;
            }
            Targets.Target t = targets.of(cheap).orElse(null);
            if (t == null || cooldowns.coolingUntil(cheap) != null || !affordable(cheap, null)
                    || rateLimits.acquire(cheap, estimatedTokens).isPresent()) {
                return null;
            }
            long started = clock.millis();
            long t0 = System.nanoTime();
            Try r = call(t, cheap);
            attempt(t, cheap, started, t0, r);
            if (r instanceof Failed f) {
                afterFailure(cheap, f);
                return null;
            }
            Answered a = (Answered) r;
            String why = CascadeCheck.failure(a.completion(), body, json);
            if (why != null) {
                GatewayCall.Attempt x = attempts.removeLast();
                attempts.add(new GatewayCall.Attempt(x.seq(), x.model(), x.provider(), x.startedAt(), x.status(),
                        "escalated", "cascade_check", why, x.latencyMs(), x.ttftMs(), x.usage(), x.costUsd()));
                generatedUsd = generatedUsd.add(x.costUsd() == null ? estimate(cheap) : x.costUsd());
                return null;
            }
            cooldowns.succeeded(cheap);
            if (!stream) {
                return finish(200, a.completion(), t, 0, "ok", null);
            }
            List<String> chunks = CompletionChunks.of(a.completion(), includeUsage, json);
            if (!forward(cheap, 0, chunks, t0)) {
                return finish(STREAMED, null, t, 0, "cancelled", "the client went away");
            }
            try {
                sink.finish();
            } catch (IOException e) {
                return finish(STREAMED, null, t, 0, "cancelled", "the client went away");
            }
            return finish(STREAMED, null, t, 0, "ok", null);
        }

        /** The cascade's cheaper model: the fixed one when it fits this request, else the cheapest that fits. */
        private String cheapModel(GatewaySettingsService.Cascade c, RouteDecision d) {
            String chosen = d.chosen().id();
            if (c.cheapModel() != null) {
                return !c.cheapModel().equals(chosen) && d.isEligible(c.cheapModel()) ? c.cheapModel() : null;
            }
            BigDecimal chosenCost = d.chosen().estimatedCostUsd();
            ScoredCandidate cheapest = null;
            for (ScoredCandidate s : d.candidates()) {
                if (!s.eligible()) {
                    break;
                }
                if (s.estimatedCostUsd() != null && (cheapest == null
                        || s.estimatedCostUsd().compareTo(cheapest.estimatedCostUsd()) < 0)) {
                    cheapest = s;
                }
            }
            return cheapest == null || chosenCost == null || cheapest.estimatedCostUsd().compareTo(chosenCost) >= 0
                    ? null : cheapest.model().id();
        }

        private RoutingService.Routed route(String profileOverride) {
            String model = body.path("model").asString("");
            if (model.isBlank()) {
                throw new InvalidInputException("model", "Name a model: auto, router/<profile> or a model id from "
                        + "GET /v1/models");
            }
            List<JsonNode> messages = new ArrayList<>();
            body.path("messages").forEach(messages::add);
            if (messages.isEmpty()) {
                throw new InvalidInputException("messages", "Send at least one message");
            }
            String profile = null;
            RouteConstraints constraints = RouteConstraints.NONE;
            if (profileOverride != null) {
                profile = profileOverride;
                if (!model.equals("auto") && !model.startsWith("router/")) {
                    constraints = constraints.withAllowedModels(List.of(model));
                }
            } else if (model.startsWith("router/")) {
                profile = model.substring("router/".length());
            } else if (!model.equals("auto")) {
                if (targets.of(model).isEmpty()) {
                    throw new ModelNotFoundException(model);
                }
                constraints = constraints.withAllowedModels(List.of(model));
            }
            String format = body.path("response_format").path("type").asString("");
            context = caller.context();
            String user = body.path("user").asString(null);
            if (context.user() == null && user != null && !user.isBlank()) {
                context = new RoutingService.RequestContext(context.priority(), context.labels(), user,
                        context.team(), context.space(), context.sessionId(), context.workflow(), context.stage());
            }
            RoutingService.Routed r = routing.route(new RoutingService.Command(
                    ClassifyInputs.from(null, messages, caller.task(), null, classifier.maxPromptChars()), profile,
                    constraints, body.path("tools").isArray() && !body.path("tools").isEmpty(),
                    format.equals("json_object") || format.equals("json_schema"), caller.name(), context));
            inputTokens = r.classification().estimatedInputTokens();
            outputTokens = body.path("max_completion_tokens").asLong(body.path("max_tokens").asLong(
                    r.classification().estimatedOutputTokens()));
            estimatedTokens = inputTokens + outputTokens;
            return r;
        }

        /** A non-streamed call. */
        private Try call(Targets.Target t, String id) throws InterruptedException {
            UpstreamRequest request;
            try {
                request = t.protocol().request(t.endpoint(), t.model().modelId(), adapted(t), false);
            } catch (UpstreamStreamException e) {
                return new Failed(e.failure(), null, e.getMessage(), null);
            }
            try {
                Upstreams.Answer a = upstreams.call(request, attemptTimeout());
                rateLimits.observe(id, a.headers());
                if (a.status() / 100 != 2) {
                    return failed(t, a.status(), a.body(), RetryPolicy.retryAfter(a.headers(), clock.instant()));
                }
                JsonNode answer;
                try {
                    answer = json.readTree(a.body());
                } catch (JacksonException e) {
                    return new Failed(FailureClass.TRANSIENT, a.status(), "the answer is not JSON", null);
                }
                try {
                    return new Answered(t.protocol().completion(answer, id), t.protocol().usage(answer));
                } catch (UpstreamStreamException e) {
                    return new Failed(e.failure(), a.status(), e.getMessage(), null);
                }
            } catch (HttpTimeoutException e) {
                return new Failed(FailureClass.TRANSIENT, null, "no answer within " + attemptTimeout().toMillis()
                        + " ms", null);
            } catch (IOException e) {
                return new Failed(FailureClass.TRANSIENT, null, describe(e), null);
            }
        }

        /** The request with the model's or provider's system-prompt template, if one applies. */
        private ObjectNode adapted(Targets.Target t) {
            PromptTemplates templates = settings.promptTemplates();
            return templates.isEmpty() ? body : templates.adapt(body, t.model().id(), t.model().provider());
        }

        /** A streamed call: forwarded to the client from its first translated chunk on. */
        private Try callStreaming(Targets.Target t, String id, int index) throws InterruptedException {
            UpstreamRequest request;
            try {
                request = t.protocol().request(t.endpoint(), t.model().modelId(), adapted(t), true);
            } catch (UpstreamStreamException e) {
                return new Failed(e.failure(), null, e.getMessage(), null);
            }
            Upstreams.Streamed s;
            long t0 = System.nanoTime();
            try {
                s = upstreams.open(request, attemptTimeout());
            } catch (HttpTimeoutException e) {
                return new Failed(FailureClass.TRANSIENT, null, "no answer within " + attemptTimeout().toMillis()
                        + " ms", null);
            } catch (IOException e) {
                return new Failed(FailureClass.TRANSIENT, null, describe(e), null);
            }
            rateLimits.observe(id, s.headers());
            if (s.status() / 100 != 2) {
                return failed(t, s.status(), Upstreams.errorBody(s.body()),
                        RetryPolicy.retryAfter(s.headers(), clock.instant()));
            }
            StreamTranslator translator = t.protocol().stream(id, includeUsage);
            List<String> out = new ArrayList<>(4);
            List<String> held = new ArrayList<>(2);
            try (StreamWatchdog.Watch watch = watchdog.watch(s.body(), properties.attemptTimeout().toNanos(),
                    deadlineNanos); var body = s.body()) {
                SseReader reader = new SseReader(body);
                try {
                    SseReader.Event e;
                    while (!translator.finished() && (e = reader.next()) != null) {
                        watch.touch();
                        out.clear();
                        translator.onEvent(e.event(), e.data(), out);
                        if (out.isEmpty()) {
                            continue;
                        }
                        if (!opened && !carriesContent(out)) {
                            held.addAll(out);
                            continue;
                        }
                        if (!held.isEmpty()) {
                            held.addAll(out);
                            out.clear();
                            out.addAll(held);
                            held.clear();
                        }
                        if (!forward(id, index, out, t0)) {
                            return new Streamed("cancelled", translator.usage(), "the client went away");
                        }
                    }
                } catch (UpstreamStreamException e) {
                    if (!opened) {
                        return new Failed(e.failure(), 200, e.getMessage(), null);
                    }
                    return endBroken(translator, e.getMessage());
                } catch (IOException e) {
                    String why = watch.expired() ? "the stream stalled or ran out of time" : describe(e);
                    if (!opened) {
                        return new Failed(FailureClass.TRANSIENT, 200, why, null);
                    }
                    return endBroken(translator, why);
                }
                if (!translator.finished()) {
                    if (!opened) {
                        return new Failed(FailureClass.TRANSIENT, 200, "the stream ended before the answer", null);
                    }
                    return endBroken(translator, "the provider's stream ended before the answer was complete");
                }
                if (!opened) {
                    // a complete answer without content (or without a single chunk): still an answer
                    if (!forward(id, index, held, t0)) {
                        return new Streamed("cancelled", translator.usage(), "the client went away");
                    }
                }
                try {
                    sink.finish();
                } catch (IOException e) {
                    return new Streamed("cancelled", translator.usage(), "the client went away");
                }
                return new Streamed("ok", translator.usage(), null);
            } catch (IOException closing) {
                return new Streamed(opened ? "ok" : "broken", translator.usage(), null);
            }
        }

        /**
         * Whether a chunk carries something of the answer (text, a tool call, the finish): until one does, chunks
         * are held back, so a provider that fails right after its first empty chunk can still be replaced.
         */
        private static boolean carriesContent(List<String> chunks) {
            for (String c : chunks) {
                int i = c.indexOf("\"content\":\"");
                if (i >= 0 && i + 11 < c.length() && c.charAt(i + 11) != '"' || c.contains("\"tool_calls\"")
                        || c.contains("\"finish_reason\":\"") || c.contains("\"refusal\":\"")) {
                    return true;
                }
            }
            return false;
        }

        /** Sends chunks, opening the stream first; false when the client went away. */
        private boolean forward(String id, int index, List<String> chunks, long t0) {
            try {
                if (!opened) {
                    sink.open(routed.decisionId(), id, index, budgetNote);
                    opened = true;
                    ttftMs = (System.nanoTime() - startNanos) / 1_000_000;
                }
                for (String c : chunks) {
                    sink.send(c);
                }
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        /** Ends a stream that broke after content reached the client: an error event, then [DONE]. */
        private Streamed endBroken(StreamTranslator translator, String why) {
            try {
                sink.send(json.writeValueAsString(error("The provider's answer broke off: " + why,
                        "server_error", "upstream_stream_broken")));
                sink.finish();
            } catch (IOException clientGone) {
                return new Streamed("cancelled", translator.usage(), why);
            }
            return new Streamed("broken", translator.usage(), why);
        }

        private Failed failed(Targets.Target t, int status, String body, Duration retryAfter) {
            String message = t.protocol().errorMessage(body);
            return new Failed(FailureClass.of(status, message), status, message, retryAfter);
        }

        /** Rests or limits the model as the failure says, and records the event. */
        private void afterFailure(String id, Failed f) {
            switch (f.failure()) {
                case QUOTA, AUTH, MODEL_NOT_FOUND -> event("cooldown", id, cooldowns.rest(id),
                        f.failure().key() + ": " + f.message());
                case TRANSIENT -> {
                    if (f.status() != null && f.status() == 429) {
                        Instant until = clock.instant().plus(f.retryAfter() == null ? properties.cooldown()
                                : f.retryAfter());
                        rateLimits.limited(id, until);
                        event("rate_limited", id, until, "the provider answered 429: " + f.message());
                    }
                    Instant until = cooldowns.failed(id);
                    if (until != null) {
                        event("cooldown", id, until, properties.cooldownFailures() + " failures in a row, the last: "
                                + f.message());
                    }
                }
                default -> {
                }
            }
        }

        /** After a context-length failure: the decision's other eligible models with a larger window. */
        private void addLargerModels(List<String> chain, RouteDecision d, int minContext) {
            for (ScoredCandidate c : d.candidates()) {
                if (!c.eligible()) {
                    break;
                }
                Integer ctx = c.model().contextTokens();
                if (ctx != null && ctx > minContext && !chain.contains(c.model().id())) {
                    chain.add(c.model().id());
                    return;
                }
            }
        }

        private void attempt(Targets.Target t, String id, long started, long t0, Try r) {
            long latency = (System.nanoTime() - t0) / 1_000_000;
            Usage u = switch (r) {
                case Answered a -> a.usage();
                case Streamed s -> s.usage();
                case Failed f -> null;
            };
            BigDecimal cost = r instanceof Failed ? null : Costs.of(t.model(), u);
            attempts.add(switch (r) {
                case Answered a -> new GatewayCall.Attempt(attempts.size(), id, t.model().provider(), started, 200,
                        "ok", null, null, latency, latency, u, cost);
                case Streamed s -> new GatewayCall.Attempt(attempts.size(), id, t.model().provider(), started, 200,
                        s.outcome(), null, s.error(), latency, ttftMs, u, cost);
                case Failed f -> new GatewayCall.Attempt(attempts.size(), id, t.model().provider(), started,
                        f.status(), "failed", f.failure().key(), f.message(), latency, null, null, null);
            });
        }

        private void skipped(String id, String provider, String why, String detail) {
            attempts.add(new GatewayCall.Attempt(attempts.size(), id, provider, clock.millis(), null, "skipped", why,
                    detail, null, null, null, null));
        }

        private void event(String kind, String model, Instant until, String detail) {
            log.record(new GatewayCall.Event(clock.millis(), kind, model, until == null ? null : until.toEpochMilli(),
                    detail));
        }

        private Duration attemptTimeout() {
            long left = deadlineNanos - System.nanoTime();
            return left < properties.attemptTimeout().toNanos() ? Duration.ofNanos(Math.max(1_000_000, left))
                    : properties.attemptTimeout();
        }

        /** Records the call and builds the answer. */
        private Result finish(int status, Object answer, Targets.Target t, int fallbacks, String outcome,
                              String error) {
            Usage usage = null;
            BigDecimal cost = BigDecimal.ZERO;
            String costStatus = "none";
            for (GatewayCall.Attempt a : attempts) {
                // what the client got, and a cascade's escalated answer; not an answer that failed before content
                boolean generated = !a.outcome().equals("failed") && !a.outcome().equals("skipped");
                if (!generated) {
                    continue;
                }
                usage = a.usage();
                if (a.usage() == null) {
                    costStatus = "unknown_usage";
                    cost = null;
                } else if (a.costUsd() == null) {
                    costStatus = costStatus.equals("unknown_usage") ? costStatus : "unpriced";
                    cost = null;
                } else if (cost != null) {
                    cost = cost.add(a.costUsd());
                    costStatus = "known";
                }
            }
            settle(costStatus, cost);
            RouteDecision d = routed.decision();
            int clientStatus = status == STREAMED ? 200 : status;
            BigDecimal estimated = reservation != null ? reservation.estimateUsd()
                    : d.routed() ? estimate(d.chosen().id()) : null;
            log.record(new GatewayCall(routed.decisionId(), createdAt, caller.name(), caller.apiKeyId(), endUser(),
                    context == null ? null : context.team(), body.path("model").asString(""), d.profile(),
                    d.task() == null ? null : d.task().id(), t == null ? null : t.model().id(),
                    t == null ? null : t.model().provider(), stream, clientStatus, outcome, error, fallbacks,
                    (System.nanoTime() - startNanos) / 1_000_000, ttftMs, usage, estimated, cost, costStatus,
                    attempts));
            JsonNode node = answer == null ? null : answer instanceof JsonNode n ? n : json.valueToTree(answer);
            return new Result(status, node, routed.decisionId(), t == null ? null : t.model().id(), fallbacks,
                    attempts.stream().map(GatewayCall.Attempt::summary).toList(), budgetNote);
        }

        private Result noModel(RouteDecision d) {
            return finish(422, error("No model fits this request: " + String.join("; ", d.reasons()),
                    "invalid_request_error", "no_eligible_model"), null, 0, "no_model", null);
        }

        /** A {@code block} budget refused the call before any upstream call: 429, naming the budget. */
        private Result overBudget(BudgetExceededException e) {
            budgetNote = "refused by " + e.budget().describe();
            return finish(429, error(e.getMessage(), "insufficient_quota", "budget_exceeded"), null, 0,
                    "over_budget", e.getMessage());
        }

        /**
         * The estimated cost of answering on {@code id}: the prompt's estimated tokens and the output the request
         * allows (its {@code max_tokens}) or the classifier expects, at the catalog's prices; zero for an unpriced
         * model, which the budgets then cannot count either.
         */
        private BigDecimal estimate(String id) {
            BigDecimal cost = targets.of(id).map(t -> Costs.of(t.model(), new Usage(inputTokens, outputTokens, 0, 0,
                    0))).orElse(null);
            return cost == null ? BigDecimal.ZERO : cost;
        }

        /**
         * Whether the budgets can hold a call of {@code id} (and what earlier answers cost): the reservation is
         * raised when the model is pricier than what is held. When a block budget cannot take it, the model is
         * skipped and the chain goes on to the next (usually cheaper) one.
         */
        private boolean affordable(String id, String provider) {
            try {
                reservation = budgets.raise(reservation, generatedUsd.add(estimate(id)));
                return true;
            } catch (BudgetExceededException e) {
                overBudget = e;
                if (provider != null) {
                    skipped(id, provider, "over_budget", e.getMessage());
                }
                return false;
            }
        }

        /** Counts the call's cost on its budgets: the actual cost, its estimate when unknown, nothing when none. */
        private void settle(String costStatus, BigDecimal cost) {
            if (reservation == null || settled) {
                return;
            }
            settled = true;
            if (costStatus.equals("none")) {
                budgets.release(reservation);
            } else {
                budgets.settle(reservation, cost);
            }
        }

        /** Whom the call was for: the end user named in the request, else the signed-in caller. */
        private String endUser() {
            return context != null && context.user() != null ? context.user() : caller.name();
        }

        private String providerSaid(Targets.Target t, Failed f) {
            return t.model().provider() + " refused the request" + (f.message() == null ? "" : ": " + f.message());
        }
    }

    private static Map<String, Object> error(String message, String type, String code) {
        return ProblemResponses.openAiError(message, type, code);
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    /** A concrete model the catalog does not have. */
    static final class ModelNotFoundException extends RuntimeException {
        ModelNotFoundException(String model) {
            super("The model '" + model + "' does not exist in the catalog: see GET /v1/models");
        }
    }
}

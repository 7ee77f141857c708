package dev.routewise.classify;

import dev.routewise.base.InvalidInputException;
import dev.routewise.base.NotFoundException;
import dev.routewise.classify.engine.Classification;
import dev.routewise.classify.engine.ClassifierModel;
import dev.routewise.classify.engine.ClassifierSettings;
import dev.routewise.classify.engine.ClassifierTrainer;
import dev.routewise.classify.engine.ClassifyInput;
import dev.routewise.classify.engine.Embedder;
import dev.routewise.classify.engine.MiniLmEmbedder;
import dev.routewise.classify.engine.TaskClassifier;
import dev.routewise.classify.engine.TaskCluster;
import dev.routewise.classify.engine.TaskLabel;
import dev.routewise.security.AppRoles;
import dev.routewise.security.AuditAction;
import dev.routewise.security.AuditService;
import jakarta.annotation.security.RolesAllowed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The task classifier of Routewise: owns the engine, the persisted task clusters and their training.
 * At start-up the shipped clusters are seeded into an empty database and a signals-only model is
 * trained at once; the embedding model loads in the background, and the combined model replaces the
 * signals-only one when ready. Editing a cluster retrains in the background and swaps the new model in
 * atomically. Prompt text is never logged.
 *
 * <p>Code on the request path (routing, gateway) should call {@link #engine()} directly: it is plain
 * Java, needs no security context and allocates little.
 */
@Service
public class ClassifierService implements SmartInitializingSingleton, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ClassifierService.class);
    static final int MAX_EXAMPLE_CHARS = 4000;
    static final int MIN_EXAMPLES = 3;
    static final int MAX_KEYWORDS = 60;

    private final ClusterRepository clusterRepository;
    private final ExampleRepository exampleRepository;
    private final ClassifyProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final AuditService audit;
    private final ClassifierTrainer trainer = new ClassifierTrainer();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "classifier-training");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        return t;
    });
    private final AtomicInteger requestedTrainings = new AtomicInteger();

    private volatile TaskClassifier classifier;
    private volatile Embedder embedder;
    private volatile CompletableFuture<Void> pending = CompletableFuture.completedFuture(null);
    private volatile Long modelLoadMillis;
    private volatile Instant trainedAt;
    private volatile String lastError;

    ClassifierService(ClusterRepository clusterRepository, ExampleRepository exampleRepository,
                      ClassifyProperties properties, Clock clock, PlatformTransactionManager transactionManager,
                      AuditService audit) {
        this.clusterRepository = clusterRepository;
        this.exampleRepository = exampleRepository;
        this.properties = properties;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
        this.audit = audit;
    }

    @Override
    public void afterSingletonsInstantiated() {
        transactions.executeWithoutResult(status -> seedIfEmpty());
        long start = System.nanoTime();
        List<TaskCluster> current = loadClusters();
        ClassifierModel model = trainer.train(current, null);
        classifier = new TaskClassifier(model, new ClassifierSettings(properties.signalsDecisive(),
                properties.generalBelow()));
        trainedAt = clock.instant();
        log.info("Task classifier ready (signals tier) with {} examples in {} ms", model.examples(),
                (System.nanoTime() - start) / 1_000_000);
        if (properties.embeddings()) {
            pending = CompletableFuture.runAsync(this::loadEmbeddings, worker);
        } else {
            log.info("Embedding tier off (routewise.classify.embeddings=false): classification uses signals only");
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }

    /** The engine, for callers on the request path. */
    public TaskClassifier engine() {
        TaskClassifier c = classifier;
        if (c == null) {
            throw new IllegalStateException("The task classifier is still starting");
        }
        return c;
    }

    @RolesAllowed(AppRoles.VIEWER)
    public Classification classify(ClassifyInput input) {
        return engine().classify(input);
    }

    @RolesAllowed(AppRoles.VIEWER)
    public List<TaskClusterInfo> clusters() {
        Map<String, List<TaskClusterInfo.Example>> byLabel = new LinkedHashMap<>();
        for (ExampleRow row : exampleRepository.findAllByOrderByLabelAscIdAsc()) {
            byLabel.computeIfAbsent(row.label(), l -> new ArrayList<>()).add(new TaskClusterInfo.Example(row.id(),
                    row.text(), row.shipped(), row.createdAt(), row.createdBy()));
        }
        List<TaskClusterInfo> result = new ArrayList<>();
        Map<String, ClusterRow> rows = new LinkedHashMap<>();
        clusterRepository.findAll().forEach(r -> rows.put(r.label(), r));
        for (TaskLabel label : TaskLabel.TASKS) {
            ClusterRow row = rows.get(label.id());
            if (row != null) {
                result.add(new TaskClusterInfo(label, row.description(), row.keywordList(),
                        byLabel.getOrDefault(label.id(), List.of()), row.updatedAt(), row.updatedBy()));
            }
        }
        return result;
    }

    /** The longest prompt or chat (in characters) a request may carry. */
    public int maxPromptChars() {
        return properties.maxPromptChars();
    }

    @RolesAllowed(AppRoles.VIEWER)
    public ClassifierStatus status() {
        TaskClassifier c = classifier;
        return new ClassifierStatus(properties.embeddings(), c != null && c.embeddingsReady(),
                embedder == null ? null : embedder.name(), modelLoadMillis, c == null ? 0 : c.model().examples(),
                trainedAt, !pending.isDone(), lastError);
    }

    @RolesAllowed(AppRoles.OPERATOR)
    public TaskClusterInfo.Example addExample(TaskLabel label, String text) {
        TaskLabel task = requireTask(label);
        String clean = cleanExample(text);
        ExampleRow saved = transactions.execute(status -> {
            boolean duplicate = exampleRepository.findAllByOrderByLabelAscIdAsc().stream()
                    .anyMatch(e -> e.label().equals(task.id()) && e.text().equals(clean));
            if (duplicate) {
                throw new InvalidInputException("text", "This cluster already has that example");
            }
            return exampleRepository.save(new ExampleRow(null, task.id(), clean, false, clock.instant(), actor()));
        });
        audit.recordChange(AuditAction.CLUSTERS_CHANGED, "example of " + task.id(), null, clip(clean));
        retrain();
        return new TaskClusterInfo.Example(saved.id(), saved.text(), false, saved.createdAt(), saved.createdBy());
    }

    @RolesAllowed(AppRoles.OPERATOR)
    public void updateExample(long id, String text) {
        String clean = cleanExample(text);
        ExampleRow before = transactions.execute(status -> {
            ExampleRow row = exampleRepository.findById(id).orElseThrow(() -> new NotFoundException("Example", id));
            exampleRepository.save(row.withText(clean));
            return row;
        });
        audit.recordChange(AuditAction.CLUSTERS_CHANGED, "example " + id + " of " + before.label(),
                clip(before.text()), clip(clean));
        retrain();
    }

    @RolesAllowed(AppRoles.OPERATOR)
    public void deleteExample(long id) {
        ExampleRow deleted = transactions.execute(status -> {
            ExampleRow row = exampleRepository.findById(id).orElseThrow(() -> new NotFoundException("Example", id));
            if (exampleRepository.countByLabel(row.label()) <= MIN_EXAMPLES) {
                throw new InvalidInputException("examples",
                        "A cluster needs at least " + MIN_EXAMPLES + " examples to be recognised");
            }
            exampleRepository.delete(row);
            return row;
        });
        audit.recordChange(AuditAction.CLUSTERS_CHANGED, "example " + id + " of " + deleted.label(),
                clip(deleted.text()), null);
        retrain();
    }

    @RolesAllowed(AppRoles.OPERATOR)
    public void updateCluster(TaskLabel label, String description, List<String> keywords) {
        TaskLabel task = requireTask(label);
        String desc = description == null ? "" : description.trim();
        if (desc.isEmpty() || desc.length() > 300) {
            throw new InvalidInputException("description", "Describe the task in 1 to 300 characters");
        }
        List<String> clean = new ArrayList<>();
        for (String k : keywords == null ? List.<String>of() : keywords) {
            String kw = k == null ? "" : k.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            if (kw.isEmpty() || clean.contains(kw)) {
                continue;
            }
            if (kw.length() > 60) {
                throw new InvalidInputException("keywords", "A keyword has at most 60 characters: " + kw);
            }
            clean.add(kw);
        }
        if (clean.size() > MAX_KEYWORDS) {
            throw new InvalidInputException("keywords", "At most " + MAX_KEYWORDS + " keywords per cluster");
        }
        ClusterRow before = transactions.execute(status -> {
            ClusterRow row = clusterRepository.findByLabel(task.id())
                    .orElseThrow(() -> new NotFoundException("Task cluster", task.id()));
            clusterRepository.save(row.withKeywords(clean, desc, clock.instant(), actor()));
            return row;
        });
        audit.recordChange(AuditAction.CLUSTERS_CHANGED, "cluster " + task.id(),
                before.description() + " | keywords: " + before.keywords(), desc + " | keywords: " + clean);
        retrain();
    }

    /** Audit entries keep the start of long example texts. */
    private static String clip(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    /** Completes when the queued trainings (and the embedding model load) have finished. */
    public CompletableFuture<Void> whenTrained() {
        return pending;
    }

    /** Waits until queued trainings (and the embedding model load) have finished; for tests and tools. */
    public boolean awaitTraining(Duration timeout) {
        try {
            pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true; // the failure is logged and in status().lastError()
        }
    }

    private void retrain() {
        int generation = requestedTrainings.incrementAndGet();
        pending = CompletableFuture.runAsync(() -> {
            if (requestedTrainings.get() == generation) { // later edits are trained together by the last request
                trainNow();
            }
        }, worker);
    }

    private void loadEmbeddings() {
        try {
            long start = System.nanoTime();
            Embedder loaded = new MiniLmEmbedder();
            loaded.embed("warm up");
            modelLoadMillis = (System.nanoTime() - start) / 1_000_000;
            log.info("Embedding model {} loaded in {} ms", loaded.name(), modelLoadMillis);
            embedder = loaded;
            trainNow();
        } catch (RuntimeException | LinkageError e) {
            lastError = "Embedding model failed to load: " + e.getMessage();
            log.error("Embedding model failed to load; classification stays on the signals tier", e);
        }
    }

    private void trainNow() {
        try {
            long start = System.nanoTime();
            List<TaskCluster> current = loadClusters();
            trainer.retainOnly(current);
            Embedder e = embedder;
            ClassifierModel model = trainer.train(current, e);
            TaskClassifier c = classifier;
            c.install(model);
            if (e != null) {
                c.useEmbedder(e);
            }
            trainedAt = clock.instant();
            lastError = null;
            log.info("Task classifier trained on {} examples ({}) in {} ms", model.examples(),
                    model.hasEmbeddings() ? "signals + embeddings" : "signals", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException ex) {
            lastError = "Training failed: " + ex.getMessage();
            log.error("Training the task classifier failed; the previous model stays in use", ex);
        }
    }

    private List<TaskCluster> loadClusters() {
        Map<String, List<String>> examples = new LinkedHashMap<>();
        exampleRepository.findAllByOrderByLabelAscIdAsc()
                .forEach(e -> examples.computeIfAbsent(e.label(), l -> new ArrayList<>()).add(e.text()));
        List<TaskCluster> result = new ArrayList<>();
        for (ClusterRow row : clusterRepository.findAll()) {
            TaskLabel.fromId(row.label()).ifPresent(label -> result.add(new TaskCluster(label, row.description(),
                    row.keywordList(), examples.getOrDefault(row.label(), List.of()))));
        }
        return result;
    }

    private void seedIfEmpty() {
        if (clusterRepository.count() > 0) {
            return;
        }
        Instant now = clock.instant();
        List<TaskCluster> shipped = ShippedClusters.load();
        for (TaskCluster c : shipped) {
            clusterRepository.save(new ClusterRow(null, c.label().id(), c.description(), String.join("\n", c.keywords()),
                    now, "routewise"));
        }
        List<ExampleRow> rows = new ArrayList<>();
        for (TaskCluster c : shipped) {
            c.examples().forEach(text -> rows.add(new ExampleRow(null, c.label().id(), text, true, now, "routewise")));
        }
        exampleRepository.saveAll(rows);
        log.info("Seeded {} task clusters with {} shipped examples", shipped.size(), rows.size());
    }

    private static TaskLabel requireTask(TaskLabel label) {
        if (label == null || label == TaskLabel.GENERAL) {
            throw new InvalidInputException("label", "Choose one of the ten task labels");
        }
        return label;
    }

    private static String cleanExample(String text) {
        String clean = text == null ? "" : text.strip();
        if (clean.isEmpty()) {
            throw new InvalidInputException("text", "Write an example prompt");
        }
        if (clean.length() > MAX_EXAMPLE_CHARS) {
            throw new InvalidInputException("text", "An example has at most " + MAX_EXAMPLE_CHARS + " characters");
        }
        return clean;
    }

    private static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth.getName() == null ? "system" : auth.getName();
    }
}

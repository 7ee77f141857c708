package dev.routewise.classify;

import dev.routewise.classify.ShippedClusters.LabelledPrompt;
import dev.routewise.classify.engine.ChatMessage;
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
import dev.routewise.classify.engine.Tier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The classifier's report card: accuracy, per-label precision and recall, confusion matrices and
 * latency percentiles on the project's held-out prompts and on public prompt sets, and how well
 * complexityScore ranks prompts by difficulty proxies. Run it from the project root:
 * <pre>./mvnw -q test-compile exec:java@classify-eval</pre>
 * Arguments: the shared data folder (default {@code ../shared/data}), {@code --cv} for a 5-fold
 * cross-validation on the training examples.
 */
public final class ClassifierEvaluation {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<TaskLabel> COLUMNS = Arrays.asList(TaskLabel.values());

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        List<String> options = Arrays.asList(args);
        Path data = Path.of(options.stream().filter(a -> !a.startsWith("--")).findFirst().orElse("../shared/data"));
        List<TaskCluster> clusters = ShippedClusters.load();
        int examples = clusters.stream().mapToInt(c -> c.examples().size()).sum();
        List<LabelledPrompt> heldOut;
        try (InputStream in = ClassifierEvaluation.class.getClassLoader().getResourceAsStream("classify/heldout.jsonl")) {
            heldOut = ShippedClusters.readJsonl(in);
        }

        title("Routewise task classifier evaluation");
        System.out.printf("training examples (shipped clusters): %d, held-out prompts: %d, cores: %d, java %s%s%n",
                examples, heldOut.size(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                loadAverage());
        ClassifierTrainer trainer = new ClassifierTrainer();
        long t0 = System.nanoTime();
        ClassifierModel signalsModel = trainer.train(clusters, null);
        long t1 = System.nanoTime();
        Embedder embedder = new MiniLmEmbedder();
        embedder.embed("warm up");
        long t2 = System.nanoTime();
        ClassifierModel fullModel = trainer.train(clusters, embedder);
        long t3 = System.nanoTime();
        System.out.printf("signals model trained in %d ms; embedding model loaded in %d ms; "
                        + "embeddings + combined model trained in %d ms%n",
                ms(t1 - t0), ms(t2 - t1), ms(t3 - t2));
        TaskClassifier classifier = new TaskClassifier(fullModel, ClassifierSettings.DEFAULTS);
        classifier.useEmbedder(embedder);

        if (options.contains("--cv")) {
            crossValidate(clusters, embedder);
        }

        // held-out
        title("Held-out set (project prompts never used for training)");
        List<Classification> full = new ArrayList<>();
        List<Classification> signals = new ArrayList<>();
        for (int warm = 0; warm < 2; warm++) {
            heldOut.forEach(p -> classifier.classify(ClassifyInput.ofPrompt(p.text())));
            heldOut.forEach(p -> classifier.classifySignalsOnly(ClassifyInput.ofPrompt(p.text())));
        }
        long[] fullNanos = new long[heldOut.size()];
        long[] signalNanos = new long[heldOut.size()];
        for (int i = 0; i < heldOut.size(); i++) {
            ClassifyInput in = ClassifyInput.ofPrompt(heldOut.get(i).text());
            long s = System.nanoTime();
            signals.add(classifier.classifySignalsOnly(in));
            signalNanos[i] = System.nanoTime() - s;
            s = System.nanoTime();
            full.add(classifier.classify(in));
            fullNanos[i] = System.nanoTime() - s;
        }
        List<TaskLabel> expected = heldOut.stream().map(LabelledPrompt::label).toList();
        subtitle("Signals + embeddings (production path)");
        report(expected, full.stream().map(Classification::task).toList());
        tiers(full);
        subtitle("Signals only (before the embedding model has loaded)");
        report(expected, signals.stream().map(Classification::task).toList());
        nonEnglish(heldOut, full);

        title("Latency per prompt (held-out prompts, one calling thread, after warm-up)");
        latency("signals only", signalNanos);
        latency("full path (signals, embeddings when not decisive)", fullNanos);
        long[] embeddingOnly = new long[heldOut.size()];
        int k = 0;
        for (int i = 0; i < heldOut.size(); i++) {
            if (full.get(i).tier() == Tier.EMBEDDING) {
                embeddingOnly[k++] = fullNanos[i];
            }
        }
        latency("prompts decided by the embedding tier", Arrays.copyOf(embeddingOnly, k));
        long[] embedNanos = new long[heldOut.size()];
        for (int i = 0; i < heldOut.size(); i++) {
            long s = System.nanoTime();
            embedder.embed(heldOut.get(i).text());
            embedNanos[i] = System.nanoTime() - s;
        }
        latency("embedding model alone (every held-out prompt)", embedNanos);
        System.out.println("  machine load while measuring:" + loadAverage());

        // public sets
        publicSets(data, classifier);
        complexity(data, classifier);
    }

    // ---------------------------------------------------------------- public sets

    private static void publicSets(Path data, TaskClassifier classifier) throws IOException {
        Path prompts = data.resolve("prompts");
        if (!Files.isDirectory(prompts)) {
            System.out.println("\n(no public prompt sets at " + prompts.toAbsolutePath() + ": skipped)");
            return;
        }
        Map<String, TaskLabel> mtBench = Map.of("writing", TaskLabel.CREATIVE, "roleplay", TaskLabel.CREATIVE,
                "reasoning", TaskLabel.MATH, "math", TaskLabel.MATH, "coding", TaskLabel.CODE,
                "extraction", TaskLabel.SUMMARIZATION, "stem", TaskLabel.ANALYSIS, "humanities", TaskLabel.ANALYSIS);
        Map<String, Set<TaskLabel>> mtLenient = Map.of("reasoning", Set.of(TaskLabel.MATH, TaskLabel.ANALYSIS),
                "coding", Set.of(TaskLabel.CODE, TaskLabel.CODE_REVIEW, TaskLabel.DEBUGGING, TaskLabel.MATH),
                "extraction", Set.of(TaskLabel.SUMMARIZATION, TaskLabel.ANALYSIS),
                "stem", Set.of(TaskLabel.ANALYSIS, TaskLabel.SIMPLE_QA, TaskLabel.MATH, TaskLabel.PLANNING),
                "humanities", Set.of(TaskLabel.ANALYSIS, TaskLabel.PLANNING, TaskLabel.CREATIVE),
                "writing", Set.of(TaskLabel.CREATIVE), "roleplay", Set.of(TaskLabel.CREATIVE),
                "math", Set.of(TaskLabel.MATH));
        List<JsonNode> mt = readJsonLines(prompts.resolve("mt_bench_questions.jsonl"));
        evaluateSet("MT-Bench (80 prompts, first turn)", mt, n -> n.get("category").asString(),
                n -> n.get("turns").get(0).asString(), mtBench, mtLenient, classifier);

        // turn 2 as a follow-up, only where the second turn continues the same kind of task
        int kept = 0;
        int total = 0;
        for (JsonNode n : mt) {
            String cat = n.get("category").asString();
            if (!Set.of("writing", "roleplay", "math", "coding").contains(cat)) {
                continue;
            }
            total++;
            Classification c = classifier.classify(new ClassifyInput(List.of(
                    ChatMessage.user(n.get("turns").get(0).asString()), ChatMessage.assistant("(answer)"),
                    ChatMessage.user(n.get("turns").get(1).asString())), null));
            if (mtLenient.get(cat).contains(c.task())) {
                kept++;
            }
        }
        System.out.printf("MT-Bench second turns classified with the first as context (writing, roleplay, math, "
                + "coding): %d/%d = %.1f%% keep an acceptable label%n", kept, total, 100.0 * kept / total);

        Map<String, TaskLabel> vicuna = new HashMap<>(Map.of("generic", TaskLabel.ANALYSIS, "knowledge", TaskLabel.ANALYSIS,
                "roleplay", TaskLabel.CREATIVE, "common-sense", TaskLabel.ANALYSIS, "fermi", TaskLabel.MATH,
                "counterfactual", TaskLabel.ANALYSIS, "writing", TaskLabel.CREATIVE, "coding", TaskLabel.CODE,
                "math", TaskLabel.MATH));
        Map<String, Set<TaskLabel>> vicunaLenient = Map.of(
                "generic", Set.of(TaskLabel.ANALYSIS, TaskLabel.PLANNING, TaskLabel.SIMPLE_QA),
                "knowledge", Set.of(TaskLabel.ANALYSIS, TaskLabel.SIMPLE_QA, TaskLabel.PLANNING),
                "common-sense", Set.of(TaskLabel.ANALYSIS, TaskLabel.SIMPLE_QA),
                "fermi", Set.of(TaskLabel.MATH, TaskLabel.ANALYSIS),
                "counterfactual", Set.of(TaskLabel.ANALYSIS, TaskLabel.CREATIVE),
                "roleplay", Set.of(TaskLabel.CREATIVE), "writing", Set.of(TaskLabel.CREATIVE),
                "coding", Set.of(TaskLabel.CODE, TaskLabel.CODE_REVIEW, TaskLabel.DEBUGGING),
                "math", Set.of(TaskLabel.MATH));
        evaluateSet("Vicuna bench (80 prompts)", readJsonLines(prompts.resolve("vicuna_bench_questions.jsonl")),
                n -> n.get("category").asString(), n -> n.get("turns").get(0).asString(), vicuna, vicunaLenient,
                classifier);

        Map<String, TaskLabel> arena2 = Map.of("coding", TaskLabel.CODE, "math", TaskLabel.MATH,
                "creative_writing", TaskLabel.CREATIVE);
        Map<String, Set<TaskLabel>> arena2Lenient = Map.of(
                "coding", Set.of(TaskLabel.CODE, TaskLabel.CODE_REVIEW, TaskLabel.DEBUGGING),
                "math", Set.of(TaskLabel.MATH), "creative_writing", Set.of(TaskLabel.CREATIVE));
        evaluateSet("Arena-Hard v2.0 (750 prompts)", readJsonLines(prompts.resolve("arena_hard_v2.0_questions.jsonl")),
                n -> n.get("subcategory").asString(), n -> n.get("prompt").asString(), arena2, arena2Lenient,
                classifier);

        // v0.1 has topic clusters, not task types: only the distribution of what we predict
        List<JsonNode> arena1 = readJsonLines(prompts.resolve("arena_hard_v0.1_questions.jsonl"));
        Map<TaskLabel, Integer> distribution = new EnumMap<>(TaskLabel.class);
        for (JsonNode n : arena1) {
            distribution.merge(classifier.classify(ClassifyInput.ofPrompt(n.get("prompt").asString())).task(), 1,
                    Integer::sum);
        }
        subtitle("Arena-Hard v0.1 (500 prompts; topic clusters, no task labels): predicted label distribution");
        distribution.forEach((l, c) -> System.out.printf("  %-14s %4d  %5.1f%%%n", l.id(), c, 100.0 * c / arena1.size()));
    }

    private static void evaluateSet(String name, List<JsonNode> rows, Function<JsonNode, String> category,
                                    Function<JsonNode, String> text, Map<String, TaskLabel> mapping,
                                    Map<String, Set<TaskLabel>> lenient, TaskClassifier classifier) {
        List<TaskLabel> expected = new ArrayList<>();
        List<TaskLabel> predicted = new ArrayList<>();
        Map<String, int[]> perCategory = new java.util.TreeMap<>();
        int lenientHits = 0;
        for (JsonNode n : rows) {
            String cat = category.apply(n);
            TaskLabel want = mapping.get(cat);
            if (want == null) {
                continue;
            }
            TaskLabel got = classifier.classify(ClassifyInput.ofPrompt(text.apply(n))).task();
            expected.add(want);
            predicted.add(got);
            boolean ok = lenient.getOrDefault(cat, Set.of(want)).contains(got);
            lenientHits += ok ? 1 : 0;
            int[] counts = perCategory.computeIfAbsent(cat, c -> new int[3]);
            counts[0]++;
            counts[1] += got == want ? 1 : 0;
            counts[2] += ok ? 1 : 0;
        }
        title(name);
        report(expected, predicted);
        System.out.printf("lenient accuracy (any acceptable label, see docs/classification.md): %.1f%%%n",
                100.0 * lenientHits / expected.size());
        System.out.println("per source category: strict / lenient");
        perCategory.forEach((cat, c) -> System.out.printf("  %-16s -> %-14s n=%3d  %5.1f%%  %5.1f%%%n", cat,
                mapping.get(cat).id(), c[0], 100.0 * c[1] / c[0], 100.0 * c[2] / c[0]));
    }

    // ---------------------------------------------------------------- complexity

    private static void complexity(Path data, TaskClassifier classifier) throws IOException {
        Path prompts = data.resolve("prompts");
        Path quality = data.resolve("quality");
        if (!Files.isDirectory(prompts) || !Files.isDirectory(quality)) {
            return;
        }
        title("complexityScore against difficulty proxies (AUC: 0.5 = random, 1.0 = perfect ranking)");
        System.out.println("baseline = prompt length alone (estimated input tokens)");

        // 1. Arena-Hard (selected for being hard) vs MT-Bench + Vicuna first turns
        List<double[]> hardVsEasy = new ArrayList<>();
        for (JsonNode n : readJsonLines(prompts.resolve("arena_hard_v0.1_questions.jsonl"))) {
            hardVsEasy.add(score(classifier, n.get("prompt").asString(), 1));
        }
        for (JsonNode n : readJsonLines(prompts.resolve("arena_hard_v2.0_questions.jsonl"))) {
            if (n.get("category").asString().equals("hard_prompt")) {
                hardVsEasy.add(score(classifier, n.get("prompt").asString(), 1));
            }
        }
        for (String f : List.of("mt_bench_questions.jsonl", "vicuna_bench_questions.jsonl")) {
            for (JsonNode n : readJsonLines(prompts.resolve(f))) {
                hardVsEasy.add(score(classifier, n.get("turns").get(0).asString(), 0));
            }
        }
        auc("Arena-Hard hard prompts (1000) vs MT-Bench + Vicuna (160)", hardVsEasy);

        // 2. MT-Bench: does Mixtral-8x7B score below GPT-4-1106 on the first turn? (GPT-4 judge, 1-10)
        Map<Integer, Double> gpt4 = new HashMap<>();
        Map<Integer, Double> mixtral = new HashMap<>();
        for (JsonNode n : readJsonLines(quality.resolve("routellm_mt_bench_gpt4_judgements_gpt4-1106_vs_mixtral.jsonl"))) {
            if (n.get("turn").asInt() != 1) {
                continue;
            }
            (n.get("model").asString().contains("gpt-4") ? gpt4 : mixtral).put(n.get("question_id").asInt(),
                    n.get("score").asDouble());
        }
        List<double[]> mtGap = new ArrayList<>();
        List<double[]> mtGapValues = new ArrayList<>();
        for (JsonNode n : readJsonLines(prompts.resolve("mt_bench_questions.jsonl"))) {
            int id = n.get("question_id").asInt();
            if (gpt4.containsKey(id) && mixtral.containsKey(id)) {
                double gap = gpt4.get(id) - mixtral.get(id);
                double[] s = score(classifier, n.get("turns").get(0).asString(), gap > 0 ? 1 : 0);
                mtGap.add(s);
                mtGapValues.add(new double[]{s[0], s[1], gap});
            }
        }
        auc("MT-Bench turn 1: Mixtral scored below GPT-4 (80 prompts)", mtGap);
        System.out.printf("    Spearman(complexityScore, GPT-4 minus Mixtral score) = %.3f, length baseline %.3f%n",
                spearman(mtGapValues, 0), spearman(mtGapValues, 1));

        // 3. GSM8K: Mixtral got it wrong
        List<double[]> gsm = new ArrayList<>();
        for (List<String> row : readCsv(quality.resolve("routellm_gsm8k_responses_gpt4-1106_vs_mixtral.csv"))) {
            gsm.add(score(classifier, row.get(0), row.get(1).equalsIgnoreCase("true") ? 0 : 1));
        }
        auc("GSM8K: Mixtral wrong (1319 grade-school math prompts)", gsm);

        // 4. MMLU: Mixtral got it wrong (signals tier only, 14k prompts)
        List<double[]> mmlu = new ArrayList<>();
        try (Stream<Path> files = Files.list(quality.resolve("routellm_mmlu_responses"))) {
            for (Path f : files.sorted().toList()) {
                for (List<String> row : readCsv(f)) {
                    Classification c = classifier.classifySignalsOnly(ClassifyInput.ofPrompt(row.get(0)));
                    mmlu.add(new double[]{c.complexityScore(), c.estimatedInputTokens(),
                            row.get(1).equalsIgnoreCase("true") ? 0 : 1});
                }
            }
        }
        auc("MMLU: Mixtral wrong (" + mmlu.size() + " multiple-choice prompts, 57 subjects)", mmlu);
    }

    private static double[] score(TaskClassifier classifier, String prompt, double positive) {
        Classification c = classifier.classify(ClassifyInput.ofPrompt(prompt));
        return new double[]{c.complexityScore(), c.estimatedInputTokens(), positive};
    }

    private static void auc(String name, List<double[]> rows) {
        System.out.printf("  %-70s AUC %.3f  (length baseline %.3f)%n", name, auc(rows, 0), auc(rows, 1));
    }

    /** Mann-Whitney AUC of column {@code col} for the label in column 2; ties count half. */
    static double auc(List<double[]> rows, int col) {
        List<double[]> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> Double.compare(a[col], b[col]));
        double rankSumPositive = 0;
        long positives = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j)[col] == sorted.get(i)[col]) {
                j++;
            }
            double rank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (sorted.get(k)[2] > 0.5) {
                    rankSumPositive += rank;
                    positives++;
                }
            }
            i = j;
        }
        long negatives = sorted.size() - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositive - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
    }

    private static double spearman(List<double[]> rows, int col) {
        double[] a = ranks(rows, col);
        double[] b = ranks(rows, 2);
        double ma = Arrays.stream(a).average().orElse(0);
        double mb = Arrays.stream(b).average().orElse(0);
        double num = 0;
        double da = 0;
        double db = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - ma) * (b[i] - mb);
            da += (a[i] - ma) * (a[i] - ma);
            db += (b[i] - mb) * (b[i] - mb);
        }
        return num / Math.sqrt(da * db);
    }

    private static double[] ranks(List<double[]> rows, int col) {
        Integer[] idx = new Integer[rows.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Double.compare(rows.get(x)[col], rows.get(y)[col]));
        double[] r = new double[idx.length];
        int i = 0;
        while (i < idx.length) {
            int j = i;
            while (j < idx.length && rows.get(idx[j])[col] == rows.get(idx[i])[col]) {
                j++;
            }
            for (int k = i; k < j; k++) {
                r[idx[k]] = (i + 1 + j) / 2.0;
            }
            i = j;
        }
        return r;
    }

    // ---------------------------------------------------------------- cross-validation

    private static void crossValidate(List<TaskCluster> clusters, Embedder embedder) {
        title("5-fold cross-validation on the training examples (for tuning; the held-out set stays untouched)");
        int folds = 5;
        int correctFull = 0;
        int correctSignals = 0;
        int total = 0;
        ClassifierTrainer trainer = new ClassifierTrainer();
        List<TaskLabel> expected = new ArrayList<>();
        List<TaskLabel> predicted = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            List<TaskCluster> train = new ArrayList<>();
            List<LabelledPrompt> test = new ArrayList<>();
            for (TaskCluster c : clusters) {
                List<String> keep = new ArrayList<>();
                for (int i = 0; i < c.examples().size(); i++) {
                    if (i % folds == f) {
                        test.add(new LabelledPrompt(c.label(), c.examples().get(i)));
                    } else {
                        keep.add(c.examples().get(i));
                    }
                }
                train.add(new TaskCluster(c.label(), c.description(), c.keywords(), keep));
            }
            TaskClassifier cv = new TaskClassifier(trainer.train(train, embedder), ClassifierSettings.DEFAULTS);
            cv.useEmbedder(embedder);
            for (LabelledPrompt p : test) {
                TaskLabel full = cv.classify(ClassifyInput.ofPrompt(p.text())).task();
                TaskLabel sig = cv.classifySignalsOnly(ClassifyInput.ofPrompt(p.text())).task();
                correctFull += full == p.label() ? 1 : 0;
                correctSignals += sig == p.label() ? 1 : 0;
                total++;
                expected.add(p.label());
                predicted.add(full);
            }
        }
        System.out.printf("cross-validated accuracy: signals + embeddings %.1f%%, signals only %.1f%% (n=%d)%n",
                100.0 * correctFull / total, 100.0 * correctSignals / total, total);
        report(expected, predicted);
    }

    // ---------------------------------------------------------------- reporting

    static void report(List<TaskLabel> expected, List<TaskLabel> predicted) {
        int n = expected.size();
        int[][] confusion = new int[COLUMNS.size()][COLUMNS.size()];
        int correct = 0;
        for (int i = 0; i < n; i++) {
            confusion[expected.get(i).ordinal()][predicted.get(i).ordinal()]++;
            correct += expected.get(i) == predicted.get(i) ? 1 : 0;
        }
        System.out.printf("accuracy %.1f%% (%d/%d)%n", 100.0 * correct / n, correct, n);
        System.out.printf("  %-14s %9s %9s %6s %7s%n", "label", "precision", "recall", "F1", "support");
        for (TaskLabel l : COLUMNS) {
            int tp = confusion[l.ordinal()][l.ordinal()];
            int support = Arrays.stream(confusion[l.ordinal()]).sum();
            int predictedCount = 0;
            for (int[] row : confusion) {
                predictedCount += row[l.ordinal()];
            }
            if (support == 0 && predictedCount == 0) {
                continue;
            }
            double p = predictedCount == 0 ? 0 : (double) tp / predictedCount;
            double r = support == 0 ? Double.NaN : (double) tp / support;
            double f1 = p + r == 0 || Double.isNaN(r) ? 0 : 2 * p * r / (p + r);
            System.out.printf("  %-14s %8.1f%% %8s %6.2f %7d%n", l.id(), 100 * p,
                    Double.isNaN(r) ? "-" : String.format("%.1f%%", 100 * r), f1, support);
        }
        System.out.println("confusion matrix (rows: expected, columns: predicted)");
        StringBuilder header = new StringBuilder(String.format("  %-14s", ""));
        for (TaskLabel l : COLUMNS) {
            header.append(String.format("%6s", abbreviation(l)));
        }
        System.out.println(header);
        for (TaskLabel row : COLUMNS) {
            if (Arrays.stream(confusion[row.ordinal()]).sum() == 0) {
                continue;
            }
            StringBuilder line = new StringBuilder(String.format("  %-14s", row.id()));
            for (TaskLabel col : COLUMNS) {
                int v = confusion[row.ordinal()][col.ordinal()];
                line.append(String.format("%6s", v == 0 ? "." : Integer.toString(v)));
            }
            System.out.println(line);
        }
    }

    private static String abbreviation(TaskLabel l) {
        return switch (l) {
            case CODE -> "code";
            case DEBUGGING -> "debug";
            case CODE_REVIEW -> "review";
            case MATH -> "math";
            case ANALYSIS -> "anlys";
            case CREATIVE -> "creat";
            case SUMMARIZATION -> "summ";
            case TRANSLATION -> "transl";
            case PLANNING -> "plan";
            case SIMPLE_QA -> "qa";
            case GENERAL -> "gen";
        };
    }

    private static void tiers(List<Classification> results) {
        Map<Tier, Integer> counts = new EnumMap<>(Tier.class);
        results.forEach(c -> counts.merge(c.tier(), 1, Integer::sum));
        StringBuilder b = new StringBuilder("decided by tier:");
        counts.forEach((t, c) -> b.append(String.format(" %s %d (%.0f%%)", t.id(), c, 100.0 * c / results.size())));
        System.out.println(b);
    }

    private static void nonEnglish(List<LabelledPrompt> prompts, List<Classification> results) {
        int n = 0;
        int ok = 0;
        Map<TaskLabel, Integer> predicted = new EnumMap<>(TaskLabel.class);
        for (int i = 0; i < prompts.size(); i++) {
            if (results.get(i).signals().nonEnglish()) {
                n++;
                ok += results.get(i).task() == prompts.get(i).label() ? 1 : 0;
                predicted.merge(results.get(i).task(), 1, Integer::sum);
            }
        }
        System.out.printf("non-English held-out prompts: %d/%d correct (%.1f%%); predicted labels %s%n", ok, n,
                n == 0 ? 0 : 100.0 * ok / n, predicted);
    }

    private static void latency(String name, long[] nanos) {
        if (nanos.length == 0) {
            System.out.printf("  %-52s (none)%n", name);
            return;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("  %-52s n=%3d  p50 %8s  p95 %8s  p99 %8s  max %8s%n", name, sorted.length,
                duration(percentile(sorted, 50)), duration(percentile(sorted, 95)), duration(percentile(sorted, 99)),
                duration(sorted[sorted.length - 1]));
    }

    private static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.clamp(index, 0, sorted.length - 1)];
    }

    private static String duration(long nanos) {
        return nanos < 1_000_000 ? String.format("%.1f us", nanos / 1000.0) : String.format("%.2f ms", nanos / 1e6);
    }

    private static void title(String text) {
        System.out.println();
        System.out.println("== " + text + " " + "=".repeat(Math.max(0, 96 - text.length())));
    }

    private static void subtitle(String text) {
        System.out.println("-- " + text);
    }

    /** Latencies depend on what else runs: the report says how busy the machine was. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return ", load average " + parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    // ---------------------------------------------------------------- input

    private static List<JsonNode> readJsonLines(Path file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                rows.add(JSON.readTree(line));
            }
        }
        return rows;
    }

    /** RFC 4180 CSV with quoted fields spanning lines; the header row is skipped. */
    static List<List<String>> readCsv(Path file) throws IOException {
        String s = Files.readString(file, StandardCharsets.UTF_8);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (!field.isEmpty() || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows.isEmpty() ? rows : rows.subList(1, rows.size());
    }
}

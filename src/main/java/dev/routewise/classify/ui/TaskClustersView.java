package dev.routewise.classify.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.routewise.base.InvalidInputException;
import dev.routewise.base.ui.FieldErrors;
import dev.routewise.base.ui.Formats;
import dev.routewise.base.ui.Notifications;
import dev.routewise.classify.ClassifierService;
import dev.routewise.classify.ClassifierStatus;
import dev.routewise.classify.TaskClusterInfo;
import dev.routewise.classify.engine.Classification;
import dev.routewise.classify.engine.ClassifyInput;
import dev.routewise.classify.engine.Modality;
import dev.routewise.classify.engine.TaskLabel;
import dev.routewise.security.AppRoles;
import jakarta.annotation.security.RolesAllowed;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Task clusters: a "try it" box that shows how a prompt is classified (tier, signals, per-label
 * scores), and the clusters with their keywords and example prompts. Viewers read and try;
 * operators and admins edit, which retrains the classifier in the background.
 */
@Route("task-clusters")
@PageTitle("Task clusters")
@Menu(order = 300, icon = "vaadin:sitemap", title = "Task clusters")
@RolesAllowed(AppRoles.VIEWER)
public class TaskClustersView extends VerticalLayout {

    /** One row of the per-label scores. */
    record Score(TaskLabel label, double score) {
    }

    private final ClassifierService classifier;
    private final boolean canEdit;

    private final Span status = new Span();
    private final TextArea prompt = new TextArea("Prompt");
    private final Div result = new Div();
    private final Grid<Score> scores = new Grid<>();

    private final Grid<TaskClusterInfo> clusters = new Grid<>();
    private final VerticalLayout editor = new VerticalLayout();
    private final H3 editorTitle = new H3();
    private final TextField description = new TextField("Description");
    private final TextArea keywords = new TextArea("Keywords (one per line)");
    private final Button saveCluster = new Button("Save cluster");
    private final Grid<TaskClusterInfo.Example> examples = new Grid<>();
    private final TextArea newExample = new TextArea("New example prompt");
    private final Button addExample = new Button("Add example");
    private TaskLabel selected;

    public TaskClustersView(ClassifierService classifier, AuthenticationContext authentication) {
        this.classifier = classifier;
        this.canEdit = authentication.hasRole(AppRoles.OPERATOR);
        addClassName("rw-page");
        setWidthFull();

        status.addClassName("rw-muted");
        add(status, tryIt(), clustersSection());
        refreshStatus();
        refreshClusters();
        clusters.asSingleSelect().setValue(clusters.getListDataView().getItems().findFirst().orElse(null));
    }

    // ------------------------------------------------------------------ try it

    private Div tryIt() {
        prompt.setWidthFull();
        prompt.setMinHeight("7rem");
        prompt.setPlaceholder("Paste a prompt, e.g. \"Explain this stack trace: ...\"");
        prompt.setId("try-prompt");
        Button classify = new Button("Classify", e -> runTry());
        classify.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        classify.addClickShortcut(com.vaadin.flow.component.Key.ENTER, com.vaadin.flow.component.KeyModifier.CONTROL);

        scores.addColumn(s -> s.label().id()).setHeader("Task").setAutoWidth(true).setFlexGrow(0);
        scores.addComponentColumn(s -> {
            ProgressBar bar = new ProgressBar(0, 1, s.score());
            bar.setWidth("10rem");
            return bar;
        }).setHeader("Score").setFlexGrow(1);
        scores.addColumn(s -> String.format(Locale.ROOT, "%.1f%%", 100 * s.score())).setHeader("")
                .setAutoWidth(true).setFlexGrow(0);
        scores.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
        scores.setAllRowsVisible(true);
        scores.setWidth("24rem");
        scores.setVisible(false);

        result.addClassName("rw-classify-result");
        HorizontalLayout output = new HorizontalLayout(result, scores);
        output.setWidthFull();
        output.setAlignItems(FlexComponent.Alignment.START);
        result.setWidthFull();

        H4 heading = new H4("Try it");
        Div card = new Div(heading, prompt, classify, output);
        card.addClassName("rw-card");
        card.getStyle().set("max-width", "64rem");
        return card;
    }

    private void runTry() {
        FieldErrors.clear(Map.of("prompt", prompt));
        if (prompt.getValue().isBlank()) {
            FieldErrors.show(new InvalidInputException("prompt", "Type a prompt to classify"), Map.of("prompt", prompt));
            return;
        }
        Classification c = classifier.classify(ClassifyInput.ofPrompt(prompt.getValue()));
        result.removeAll();
        Span task = new Span(c.task().id());
        task.getElement().getThemeList().add("badge primary");
        task.setId("try-task");
        Span confidence = new Span(String.format(Locale.ROOT, "confidence %.0f%%", 100 * c.confidence()));
        Span tier = new Span("tier: " + c.tier().id());
        tier.setId("try-tier");
        tier.getElement().getThemeList().add("badge contrast");
        HorizontalLayout head = new HorizontalLayout(task, confidence, tier);
        head.setAlignItems(FlexComponent.Alignment.CENTER);

        Paragraph sizes = new Paragraph(String.format(Locale.ROOT,
                "Complexity %s (%.2f) · about %d tokens in, %d out · modalities %s · %d µs",
                c.complexity().id(), c.complexityScore(), c.estimatedInputTokens(), c.estimatedOutputTokens(),
                c.requiredModalities().stream().map(Modality::id).collect(Collectors.joining(", ")), c.micros()));
        sizes.addClassName("rw-muted");

        Div signals = new Div();
        signals.setId("try-signals");
        c.signals().toMap().forEach((k, v) -> {
            Span chip = new Span(v instanceof Boolean ? k
                    : k + ": " + (v instanceof List<?> list ? list.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) : v));
            chip.getElement().getThemeList().add("badge small");
            chip.getStyle().set("margin", "0 var(--lumo-space-xs) var(--lumo-space-xs) 0");
            signals.add(chip);
        });
        Div reasons = new Div();
        c.reasons().forEach(r -> reasons.add(new Paragraph(r)));
        reasons.setId("try-reasons");
        if (c.restricted()) {
            Span restricted = new Span("approved models only");
            restricted.getElement().getThemeList().add("badge error");
            head.add(restricted);
        }
        result.add(head, sizes, new H4("Signals"), signals, new H4("Why"), reasons);

        List<Score> rows = c.scores().entrySet().stream().map(e -> new Score(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingDouble(Score::score).reversed()).toList();
        scores.setItems(rows);
        scores.setVisible(true);
    }

    // ------------------------------------------------------------------ clusters

    private VerticalLayout clustersSection() {
        clusters.addColumn(c -> c.label().id()).setHeader("Task").setAutoWidth(true).setFlexGrow(0);
        clusters.addColumn(TaskClusterInfo::description).setHeader("Description").setFlexGrow(3);
        clusters.addColumn(c -> String.join(", ", c.keywords())).setHeader("Keywords").setFlexGrow(2);
        clusters.addColumn(c -> c.examples().size()).setHeader("Examples").setAutoWidth(true).setFlexGrow(0);
        clusters.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        clusters.addClassName("rw-clusters");
        clusters.setAllRowsVisible(true);
        clusters.setWidthFull();
        clusters.asSingleSelect().addValueChangeListener(e -> showCluster(e.getValue()));

        description.setWidthFull();
        keywords.setWidthFull();
        description.setReadOnly(!canEdit);
        keywords.setReadOnly(!canEdit);
        saveCluster.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        saveCluster.addClickListener(e -> saveCluster());
        saveCluster.setVisible(canEdit);

        examples.addColumn(TaskClusterInfo.Example::text).setHeader("Example prompt").setFlexGrow(1);
        examples.addColumn(x -> x.shipped() ? "shipped" : "added by " + x.createdBy() + ", "
                + Formats.dateTime(x.createdAt())).setHeader("Source").setAutoWidth(true).setFlexGrow(0);
        if (canEdit) {
            examples.addComponentColumn(this::deleteButton).setHeader("").setAutoWidth(true).setFlexGrow(0);
        }
        examples.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
        examples.addClassName("rw-examples");
        examples.setHeight("22rem");
        examples.setWidthFull();

        newExample.setWidthFull();
        newExample.setVisible(canEdit);
        addExample.setVisible(canEdit);
        addExample.addClickListener(e -> addExample());

        Paragraph note = new Paragraph(canEdit
                ? "Keywords count as signals; examples train the embedding centroids and the linear models. "
                + "Saving retrains the classifier in the background; the new model takes over when ready."
                : "Viewers can read the clusters and try prompts; operators and admins edit them.");
        note.addClassName("rw-muted");
        editor.add(editorTitle, description, keywords, saveCluster, examples, newExample, addExample, note);
        editor.setPadding(false);
        editor.setWidthFull();

        VerticalLayout section = new VerticalLayout(new H4("Clusters"), clusters, editor);
        section.setPadding(false);
        section.setWidthFull();
        return section;
    }

    private Button deleteButton(TaskClusterInfo.Example example) {
        Button delete = new Button("Delete", e -> {
            try {
                classifier.deleteExample(example.id());
                Notifications.success("Example deleted; retraining");
                afterEdit();
            } catch (InvalidInputException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        return delete;
    }

    private void showCluster(TaskClusterInfo cluster) {
        editor.setVisible(cluster != null);
        if (cluster == null) {
            return;
        }
        selected = cluster.label();
        editorTitle.setText(cluster.label().id());
        description.setValue(cluster.description());
        keywords.setValue(String.join("\n", cluster.keywords()));
        examples.setItems(cluster.examples());
        FieldErrors.clear(fields());
    }

    private void saveCluster() {
        FieldErrors.clear(fields());
        try {
            classifier.updateCluster(selected, description.getValue(),
                    Arrays.stream(keywords.getValue().split("[\\n,]")).map(String::trim).toList());
            Notifications.success("Saved " + selected.id() + "; retraining");
            afterEdit();
        } catch (InvalidInputException ex) {
            FieldErrors.show(ex, fields());
        }
    }

    private void addExample() {
        FieldErrors.clear(fields());
        try {
            classifier.addExample(selected, newExample.getValue());
            newExample.clear();
            Notifications.success("Example added to " + selected.id() + "; retraining");
            afterEdit();
        } catch (InvalidInputException ex) {
            FieldErrors.show(ex, fields());
        }
    }

    private Map<String, HasValidation> fields() {
        return Map.of("description", description, "keywords", keywords, "text", newExample);
    }

    private void afterEdit() {
        TaskLabel keep = selected;
        refreshClusters();
        clusters.getListDataView().getItems().filter(c -> c.label() == keep).findFirst()
                .ifPresent(c -> clusters.asSingleSelect().setValue(c));
        refreshStatus();
        UI ui = UI.getCurrent();
        classifier.whenTrained().thenRun(() -> {
            try {
                ui.access(this::refreshStatus);
            } catch (UIDetachedException closed) {
                // the user left the view before training finished: nothing to refresh
            }
        });
    }

    private void refreshClusters() {
        clusters.setItems(classifier.clusters());
    }

    private void refreshStatus() {
        ClassifierStatus s = classifier.status();
        String embeddings = !s.embeddingsEnabled() ? "embedding tier off (signals only)"
                : s.embeddingsReady() ? "embedding tier ready: " + s.embeddingModel() + ", loaded in "
                + s.modelLoadMillis() + " ms"
                : "embedding model loading in the background (signals answer meanwhile)";
        status.setText(embeddings + " · trained on " + s.trainedExamples() + " examples at "
                + Formats.dateTime(s.trainedAt()) + (s.training() ? " · retraining…" : "")
                + (s.lastError() == null ? "" : " · " + s.lastError()));
    }
}

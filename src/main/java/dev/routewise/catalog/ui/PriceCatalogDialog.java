package dev.routewise.catalog.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.routewise.base.InvalidInputException;
import dev.routewise.base.ui.Formats;
import dev.routewise.base.ui.Notifications;
import dev.routewise.base.ui.UiTasks;
import dev.routewise.catalog.PriceCatalogInfo;
import dev.routewise.catalog.PriceCatalogService;

/**
 * Admins replace the price catalog (LiteLLM's format) from a URL or a file. A file that is not a
 * valid catalog is refused and the current catalog stays.
 */
class PriceCatalogDialog extends Dialog {

    private final PriceCatalogService prices;
    private final Span current = new Span();

    PriceCatalogDialog(PriceCatalogService prices) {
        this.prices = prices;
        setHeaderTitle("Price catalog");
        setWidth("40rem");
        Paragraph about = new Paragraph("Prices, context windows and capabilities for models whose provider lists "
                + "ids only, in LiteLLM's model_prices_and_context_window.json format. New prices apply at each "
                + "source's next sync.");
        about.addClassName("rw-muted");
        showCurrent(prices.info());

        TextField url = new TextField("Refresh from URL");
        url.setPlaceholder("https://…/model_prices_and_context_window.json");
        url.setWidthFull();
        Button fetch = new Button("Fetch", e -> {
            url.setInvalid(false);
            String value = url.getValue();
            UiTasks.supply(UI.getCurrent(), () -> prices.refreshFromUrl(value), info -> {
                showCurrent(info);
                Notifications.success("Price catalog replaced: " + info.entries() + " entries");
            }, error -> {
                url.setErrorMessage(error.getMessage());
                url.setInvalid(true);
            });
        });
        HorizontalLayout fromUrl = new HorizontalLayout(url, fetch);
        fromUrl.setWidthFull();
        fromUrl.setAlignItems(FlexComponent.Alignment.BASELINE);

        Upload upload = new Upload();
        upload.setAcceptedFileTypes("application/json", ".json");
        upload.setMaxFileSize(64 * 1024 * 1024);
        UI ui = UI.getCurrent();
        upload.setUploadHandler(UploadHandler.inMemory((metadata, data) -> {
            try {
                PriceCatalogInfo info = prices.upload(data, metadata.fileName());
                ui.access(() -> {
                    showCurrent(info);
                    Notifications.success("Price catalog replaced: " + info.entries() + " entries");
                });
            } catch (InvalidInputException e) {
                ui.access(() -> Notifications.error(e.getMessage()));
            }
        }));

        VerticalLayout content = new VerticalLayout(about, current, fromUrl, new Span("Or upload a file:"), upload);
        content.setPadding(false);
        add(content);
        getFooter().add(new Button("Close", e -> close()));
    }

    private void showCurrent(PriceCatalogInfo info) {
        current.setText("In use: " + info.source() + " · " + info.entries() + " entries"
                + (info.loadedAt() == null ? "" : " · loaded " + Formats.dateTime(info.loadedAt()) + " by "
                + info.loadedBy()));
        current.addClassName("rw-strong");
    }
}

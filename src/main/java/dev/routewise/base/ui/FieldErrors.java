package dev.routewise.base.ui;

import com.vaadin.flow.component.HasValidation;
import dev.routewise.base.InvalidInputException;

import java.util.Map;

/** Shows a service's {@link InvalidInputException} on the form field it names, or as a notification. */
public final class FieldErrors {

    private FieldErrors() {
    }

    public static void show(InvalidInputException e, Map<String, ? extends HasValidation> fields) {
        for (InvalidInputException.FieldError error : e.errors()) {
            HasValidation field = fields.get(error.field());
            if (field != null) {
                field.setErrorMessage(error.message());
                field.setInvalid(true);
            } else {
                Notifications.error(error.message());
            }
        }
    }

    public static void clear(Map<String, ? extends HasValidation> fields) {
        fields.values().forEach(f -> f.setInvalid(false));
    }
}

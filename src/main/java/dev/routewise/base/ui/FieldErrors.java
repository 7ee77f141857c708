package dev.routewise.base.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.data.binder.HasValidator;
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

    /**
     * Marks a number field whose text does not parse (its value is then empty, which a service would take for "no
     * value") or breaks the field's min/max: the field's own validator knows, even after {@link #clear} reset the
     * mark. True when it was marked.
     */
    public static <T, F extends HasValue<?, T> & HasValidator<T> & HasValidation> boolean markIfUnparsable(
            F field, String message) {
        if (field.getDefaultValidator().apply(field.getValue(), null).isError()) {
            field.setErrorMessage(message);
            field.setInvalid(true);
            return true;
        }
        return false;
    }
}

package dev.routewise.base;

import java.util.List;
import java.util.Objects;

/**
 * Input that breaks a rule of the domain. Names the field at fault so the console can mark it
 * and the REST API can list it in a problem's {@code errors}.
 */
public class InvalidInputException extends RuntimeException {

    public record FieldError(String field, String message) {
        public FieldError {
            Objects.requireNonNull(field);
            Objects.requireNonNull(message);
        }
    }

    private final List<FieldError> errors;

    public InvalidInputException(String field, String message) {
        super(message);
        this.errors = List.of(new FieldError(field, message));
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The field the (first) error is about. */
    public String field() {
        return errors.getFirst().field();
    }
}

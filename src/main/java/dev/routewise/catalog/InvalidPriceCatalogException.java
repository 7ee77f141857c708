package dev.routewise.catalog;

/** A price catalog that cannot be used; the current one stays in place. */
public class InvalidPriceCatalogException extends Exception {

    public InvalidPriceCatalogException(String reason) {
        super("The price catalog was refused: " + reason);
    }
}

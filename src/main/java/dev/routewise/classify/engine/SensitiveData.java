package dev.routewise.classify.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Kinds of sensitive data found in a prompt, so that rules can send it only to approved models
 * (the policy tier). Only the kinds are kept, never the values.
 */
public record SensitiveData(boolean email, boolean phone, boolean cardNumber, boolean secret, boolean iban) {

    public static final SensitiveData NONE = new SensitiveData(false, false, false, false, false);

    public boolean any() {
        return email || phone || cardNumber || secret || iban;
    }

    public List<String> kinds() {
        List<String> kinds = new ArrayList<>(5);
        if (email) {
            kinds.add("email");
        }
        if (phone) {
            kinds.add("phone");
        }
        if (cardNumber) {
            kinds.add("cardNumber");
        }
        if (iban) {
            kinds.add("iban");
        }
        if (secret) {
            kinds.add("secret");
        }
        return kinds;
    }

    public SensitiveData or(SensitiveData other) {
        return new SensitiveData(email || other.email, phone || other.phone, cardNumber || other.cardNumber,
                secret || other.secret, iban || other.iban);
    }
}

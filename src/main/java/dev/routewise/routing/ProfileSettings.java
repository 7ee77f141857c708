package dev.routewise.routing;

import dev.routewise.routing.engine.Profile;

import java.util.Objects;

/**
 * A profile as the router holds it.
 *
 * @param fallbackModel the model of last resort appended to every chain of this profile (seed 000), or null
 * @param builtIn       eco, balanced or premium: cannot be deleted, only reset to its shipped settings
 * @param edited        a built-in whose shipped settings were changed
 */
public record ProfileSettings(Profile profile, String fallbackModel, boolean builtIn, boolean edited) {

    public ProfileSettings {
        Objects.requireNonNull(profile, "profile");
        fallbackModel = fallbackModel == null || fallbackModel.isBlank() ? null : fallbackModel.strip();
    }

    public String name() {
        return profile.name();
    }
}

package dev.routewise.routing.rules;

import dev.routewise.routing.engine.Profile;

/**
 * Which profile names {@code use_profile} may name. The built-in ones by default; custom profiles plug in
 * their own lookup.
 */
@FunctionalInterface
public interface ProfileLookup {

    ProfileLookup BUILT_IN = name -> Profile.builtIn(name).isPresent();

    /** True when {@code name} (lower case, trimmed) is a profile requests can be routed under. */
    boolean exists(String name);
}

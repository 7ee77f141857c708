package dev.routewise.routing;

import dev.routewise.routing.rules.ProfileLookup;
import org.springframework.stereotype.Component;

/** Lets rules name custom profiles too: {@code use_profile} accepts every profile the router knows. */
@Component
class ConfiguredProfiles implements ProfileLookup {

    private final RouterConfigService config;

    ConfiguredProfiles(RouterConfigService config) {
        this.config = config;
    }

    @Override
    public boolean exists(String name) {
        return config.current().profile(name).isPresent();
    }
}

package dev.routewise.discovery.client;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real provider answers in ../shared/data/provider-models (see SOURCES.md there). */
public final class Payloads {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Payloads() {
    }

    static Path path(String name) {
        return Path.of("..", "shared", "data", "provider-models", name);
    }

    public static String text(String name) {
        try {
            return Files.readString(path(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String name) {
        return MAPPER.readTree(text(name));
    }

    static JsonNode parse(String json) {
        return MAPPER.readTree(json);
    }

    /** Vercel's fixture keys its /v1/models entries by id; the API answers them as an OpenAI-style list. */
    public static String vercelModelList() {
        var list = MAPPER.createObjectNode();
        list.put("object", "list");
        var data = list.putArray("data");
        tree("vercel_ai_gateway.json").path("models").values().forEach(data::add);
        return list.toString();
    }
}

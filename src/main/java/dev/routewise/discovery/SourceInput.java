package dev.routewise.discovery;

import java.util.Map;

/**
 * What an operator enters for a source. On update, {@code apiKey} null keeps the stored key and
 * blank removes it; {@code extraHeaders} null keeps the stored headers.
 */
public record SourceInput(String name, String type, String baseUrl, String apiKey, String docUrl, Boolean enabled,
                          String schedule, Map<String, String> extraHeaders) {
}

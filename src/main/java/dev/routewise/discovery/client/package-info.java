/**
 * The HTTP clients that list a provider's models: one per provider API ({@link
 * dev.routewise.discovery.client.OpenAiCompatibleClient}, {@link dev.routewise.discovery.client.OpenRouterClient},
 * {@link dev.routewise.discovery.client.OllamaClient}, {@link dev.routewise.discovery.client.AnthropicClient},
 * {@link dev.routewise.discovery.client.GeminiClient}), the HTTP mechanics they share ({@link
 * dev.routewise.discovery.client.DiscoveryHttp}: retries, Retry-After, timeouts, size cap, content-type check,
 * provider error messages, key redaction) and the registry by source type ({@link
 * dev.routewise.discovery.client.ModelListClients}). Clients turn each API's loose JSON into
 * {@link dev.routewise.catalog.DiscoveredModel}s and say nothing the API did not say, except where a
 * comment gives the reason; they hold no state and touch no database.
 */
package dev.routewise.discovery.client;

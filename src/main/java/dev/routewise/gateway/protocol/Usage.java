package dev.routewise.gateway.protocol;

/**
 * Tokens of one answer, the same way for every provider.
 *
 * @param inputTokens       every prompt token, cached ones and cache writes included (OpenAI's prompt_tokens)
 * @param outputTokens      every generated token, reasoning included (OpenAI's completion_tokens)
 * @param cachedInputTokens prompt tokens read from the provider's cache (part of inputTokens)
 * @param cacheWriteTokens  prompt tokens written to the provider's cache (part of inputTokens; Anthropic)
 * @param reasoningTokens   generated tokens spent on reasoning (part of outputTokens)
 */
public record Usage(long inputTokens, long outputTokens, long cachedInputTokens, long cacheWriteTokens,
                    long reasoningTokens) {

    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}

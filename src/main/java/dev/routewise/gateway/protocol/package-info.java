/**
 * Providers' chat wire protocols translated to and from OpenAI's chat completions (OpenAI and compatible servers,
 * Anthropic's Messages, Gemini's generateContent): plain Java, no I/O, no Spring.
 * The gateway sends what {@link dev.routewise.gateway.protocol.ChatProtocol#request} builds and reads the answer
 * back through the same protocol.
 */
package dev.routewise.gateway.protocol;

/**
 * The model catalog: every model Routewise can route to, with exact prices, context windows,
 * modalities and capabilities, where each field came from, and the LiteLLM price catalog and
 * static fallbacks that fill what a provider's own list leaves out.
 */
package dev.routewise.catalog;

/**
 * The OpenAI-compatible gateway on {@code /v1/**}: the router's virtual models and the catalog's models as OpenAI
 * lists them, and OpenAI's error shape for every answer that is not a success.
 */
package dev.routewise.gateway;

/**
 * Routing: the Spring side of the decision engine in {@code routing.engine} (plain Java). Keeps a
 * snapshot of routable models, classifies the request, asks the engine, answers
 * {@code POST /api/v1/route}, and logs every decision asynchronously.
 */
package dev.routewise.routing;

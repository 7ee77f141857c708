/**
 * The task classifier's engine, plain Java with no Spring or Vaadin: signal extraction, the in-process
 * embedding model, the linear models, complexity and token estimates, multi-turn handling. The routing
 * engine calls {@link dev.routewise.classify.engine.TaskClassifier#classify} directly on the request path.
 */
package dev.routewise.classify.engine;

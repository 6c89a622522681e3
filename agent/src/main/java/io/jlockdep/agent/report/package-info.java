/**
 * The agent's reporting pipeline: a {@link io.jlockdep.agent.report.Reporter} that receives the engine's
 * findings, new edges and limit notices on the application's threads, only enqueues them there, and
 * reports them from its own daemon thread to a private Logback log (lockdep layout) and as JFR events
 * ({@code io.jlockdep.PotentialDeadlock}, {@code io.jlockdep.DependencyEdge}, {@code io.jlockdep.Statistics},
 * category {@code jlockdep}).
 */
package io.jlockdep.agent.report;

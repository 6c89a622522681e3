/**
 * The agent's reporting pipeline: a {@link io.jlockdep.agent.report.Reporter} that receives the engine's
 * findings, new edges and limit notices on the application's threads, only enqueues them there, and hands
 * them from its own daemon thread to its sinks: a private Logback log (lockdep layout), JFR events
 * ({@code io.jlockdep.PotentialDeadlock}, {@code io.jlockdep.DependencyEdge}, {@code io.jlockdep.Statistics},
 * category {@code jlockdep}) with an optional recording of its own, the graph dump and the exit summary.
 * Each sink checks its own output file at agent start.
 */
package io.jlockdep.agent.report;

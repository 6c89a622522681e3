/**
 * The jlockdep command-line tool's Java API: read the JFR recordings the agent wrote ({@link
 * io.jlockdep.cli.Reports#read}), report or check their findings against a {@link io.jlockdep.cli.Baseline},
 * merge the dependency edges of several recordings, and render the {@link io.jlockdep.cli.Outcome} as text, JSON,
 * SARIF, JUnit XML or Graphviz ({@link io.jlockdep.cli.Format}). {@link io.jlockdep.cli.Reports} is the entry
 * point; {@link io.jlockdep.cli.EventSchema} names the events and fields the agent writes.
 *
 * <p>The command line ({@code java -jar jlockdep-agent.jar COMMAND …}) lives in {@code io.jlockdep.cli.internal};
 * it is shipped inside the agent jar and loaded by the agent's isolated class loader, but never runs
 * instrumented, so this module is ordinary Java.
 */
package io.jlockdep.cli;

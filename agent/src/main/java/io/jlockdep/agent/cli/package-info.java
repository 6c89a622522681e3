/**
 * The command-line tool in the agent jar ({@code java -jar jlockdep-agent.jar COMMAND …}): {@code report},
 * {@code check} and {@code merge} over JFR recordings made by the agent, with text, JSON, SARIF, JUnit XML
 * and Graphviz output and cycle-id baselines. {@link io.jlockdep.agent.cli.Main#run(String[])} is the entry
 * point the launcher calls; it returns the exit status (0 clean, 1 potential deadlocks found, 2 bad input).
 *
 * <p>It runs in the agent's isolated class loader, like the rest of the agent, and follows the module's
 * rules: no lambdas or method references in this package.
 */
package io.jlockdep.agent.cli;

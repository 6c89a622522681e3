/**
 * The command line, {@code java -jar jlockdep-agent.jar COMMAND …}: {@link io.jlockdep.cli.internal.Main} (the
 * entry point the agent's launcher calls) and {@link io.jlockdep.cli.internal.CliCommand}, the options and run
 * every command shares, parsed by picocli. Not an API: use {@link io.jlockdep.cli.Reports}.
 */
package io.jlockdep.cli.internal;

package io.jlockdep.maven;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code -javaagent:} argument for a test JVM's command line, and how it joins a command line that is
 * already there ({@code argLine}, which JaCoCo's {@code prepare-agent} or the user may have set).
 *
 * <p>Surefire and Failsafe split {@code argLine} at white space outside double quotes, so an argument with white
 * space is written in double quotes. The agent separates its options with {@code ,} and the JVM takes the jar
 * path up to the first {@code =}: a path that contains a double quote, a {@code ,} (an option value) or a
 * {@code =} (the jar path) cannot be passed and is refused with a message saying so. In the recording's file
 * name the agent expands {@code %p} (the process id): a {@code %} of the directory is written {@code %%}.
 */
final class AgentArgLine {
    private AgentArgLine() {
    }

    /** A path or option value that cannot be written into the agent argument. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The argument {@code -javaagent:JAR=OPTIONS}, quoted when it holds white space.
     *
     * @param options the agent options, {@code key=value} each, in order
     * @throws Unusable when the jar path or a value cannot be written (named in the message)
     */
    static String javaagent(String jar, List<String[]> options) throws Unusable {
        refuse(jar, "the agent jar's path", "\"=,");
        StringBuilder sb = new StringBuilder("-javaagent:").append(jar);
        char sep = '=';
        for (String[] kv : options) {
            refuse(kv[1], "the value of the agent option " + kv[0], "\",");
            sb.append(sep).append(kv[0]).append('=').append(kv[1]);
            sep = ',';
        }
        return quote(sb.toString());
    }

    /** {@code dir} for the agent's output file names, in which {@code %} is written {@code %%}. */
    static String outputDirectory(String dir) {
        return dir.replace("%", "%%");
    }

    /**
     * {@code existing} (null or blank: nothing) with every {@code -javaagent:} of {@code jar} taken out and
     * {@code argument} appended: running a goal again, or {@code prepare-agent-integration} after
     * {@code prepare-agent}, replaces this plugin's agent instead of attaching it twice. Other arguments, JaCoCo's
     * agent and Surefire's {@code @{...}} references among them, keep their text and order.
     */
    static String join(String existing, String jar, String argument) {
        StringBuilder sb = new StringBuilder();
        for (String token : tokens(existing == null ? "" : existing)) {
            String bare = token.length() >= 2 && token.startsWith("\"") && token.endsWith("\"")
                    ? token.substring(1, token.length() - 1) : token;
            String ours = "-javaagent:" + jar;
            if (bare.equals(ours) || bare.startsWith(ours + "=")) {
                continue;
            }
            sb.append(token).append(' ');
        }
        return sb.append(argument).toString();
    }

    /** The arguments of a command line: split at white space outside double quotes, each with its quotes. */
    static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (Character.isWhitespace(c) && !quoted) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private static String quote(String arg) {
        for (int i = 0; i < arg.length(); i++) {
            if (Character.isWhitespace(arg.charAt(i))) {
                return '"' + arg + '"';
            }
        }
        return arg;
    }

    private static void refuse(String value, String what, String forbidden) throws Unusable {
        for (int i = 0; i < forbidden.length(); i++) {
            char c = forbidden.charAt(i);
            if (value.indexOf(c) >= 0) {
                throw new Unusable(what + " contains '" + c + "', which the -javaagent argument cannot carry"
                        + (c == '"' ? " (Surefire's argLine quotes with it)" : c == ','
                        ? " (the agent separates its options with it)" : " (the JVM ends the jar path at it)")
                        + ": " + value);
            }
        }
    }
}

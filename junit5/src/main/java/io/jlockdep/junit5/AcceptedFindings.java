package io.jlockdep.junit5;

import io.jlockdep.cli.Baseline;
import io.jlockdep.cli.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * The baseline the extension honours: the same file, format and parser as {@code check}'s
 * ({@code io.jlockdep.cli.Baseline}, from {@code jlockdep-cli}). Which file: the JUnit configuration parameter
 * {@value #PARAMETER} (JUnit also reads it from a system property of that name, or
 * {@code junit-platform.properties}), else {@value #DEFAULT_FILE} in the working directory when it exists (the
 * module's root under Maven and Gradle); an empty parameter means no baseline. A relative path is resolved against
 * the working directory.
 *
 * <p>Read once per JVM and file. Only used while the agent is attached (the baseline only ever filters the
 * agent's findings), so the {@code jlockdep-cli} and {@code jlockdep-core} classes it names are always there.
 */
final class AcceptedFindings {
    static final String PARAMETER = "jlockdep.baseline";
    static final String DEFAULT_FILE = "jlockdep-baseline.txt";

    private static final Object LOCK = new Object();
    /** The last file read, and its outcome: a baseline, or the one-line error. */
    private static Path lastPath;
    private static Baseline lastBaseline;
    private static String lastError;

    private final Baseline baseline;

    private AcceptedFindings(Baseline baseline) {
        this.baseline = baseline;
    }

    /** A finding's line in the output: {@code jlockdep: baselined <id> <lock classes> (<file>:<line>)}. */
    String acceptedLine(Reported f) {
        return "jlockdep: baselined " + f.cycleId + " " + f.lockClasses + " (" + baseline.name() + ":"
                + baseline.line(f.cycleId) + ")";
    }

    boolean accepts(Reported f) {
        return baseline.accepts(f.cycleId);
    }

    /**
     * The baseline {@code parameter} names (or the default file), or empty when there is none.
     *
     * @throws BaselineError with the one-line message for a missing, unreadable or malformed file
     */
    static Optional<AcceptedFindings> load(Optional<String> parameter) {
        String name;
        Path path;
        if (parameter.isPresent()) {
            name = parameter.get().strip();
            if (name.isEmpty()) {
                return Optional.empty();
            }
            path = Paths.get(name);
        } else {
            name = DEFAULT_FILE;
            path = Paths.get(name);
            if (!Files.exists(path)) {
                return Optional.empty();
            }
        }
        Path key = path.toAbsolutePath().normalize();
        synchronized (LOCK) {
            if (!key.equals(lastPath)) {
                lastPath = key;
                lastBaseline = null;
                lastError = null;
                try {
                    lastBaseline = Baseline.read(name, path);
                } catch (CliException e) {
                    lastError = "jlockdep: " + e.getMessage()
                            + (parameter.isPresent() ? " (the baseline named by " + PARAMETER + ")" : "");
                }
            }
            if (lastError != null) {
                throw new BaselineError(lastError);
            }
            return Optional.of(new AcceptedFindings(lastBaseline));
        }
    }
}

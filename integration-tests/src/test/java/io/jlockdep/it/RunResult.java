package io.jlockdep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a forked program did: exit status, output, and the agent's JFR recording (when requested). */
public final class RunResult {
    private static final Pattern CYCLE_ID = Pattern.compile("^cycle id: ([0-9a-f]{16})$", Pattern.MULTILINE);

    private final Jvm jvm;
    private final List<String> command;
    private final Path dir;
    private final int exitCode;
    private final String stdout;
    private final String stderr;
    private final Path jfrFile;
    private final long millis;
    private JfrData jfr;

    RunResult(Jvm jvm, List<String> command, Path dir, int exitCode, String stdout, String stderr, Path jfrFile,
              long millis) {
        this.jvm = jvm;
        this.command = command;
        this.dir = dir;
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
        this.jfrFile = jfrFile;
        this.millis = millis;
    }

    public Jvm jvm() {
        return jvm;
    }

    public Path dir() {
        return dir;
    }

    public int exitCode() {
        return exitCode;
    }

    public String stdout() {
        return stdout;
    }

    public String stderr() {
        return stderr;
    }

    public long millis() {
        return millis;
    }

    /** Lines of stdout. */
    public List<String> stdoutLines() {
        return lines(stdout);
    }

    /** Lines of stderr. */
    public List<String> stderrLines() {
        return lines(stderr);
    }

    /** The agent's recording file ({@code jfr=}), or null when the run was not asked to record. */
    public Path jfrFile() {
        return jfrFile;
    }

    /**
     * The agent's recording, read with {@code jdk.jfr.consumer.RecordingFile} in this (JDK 17) JVM — also
     * when a JDK 25 program wrote it. Fails the test when there is none.
     */
    public synchronized JfrData jfr() {
        if (jfr == null) {
            if (jfrFile == null) {
                fail("this run was not asked to record JFR");
            }
            if (!Files.isRegularFile(jfrFile)) {
                fail("the agent wrote no JFR file " + jfrFile + ": " + describe());
            }
            jfr = JfrData.read(jfrFile, this);
        }
        return jfr;
    }

    /** Asserts the exit status, showing the run's output otherwise. */
    public RunResult assertExit(int expected) {
        assertEquals(expected, exitCode, () -> "exit status of " + describe());
        return this;
    }

    /** Asserts that the program printed {@code line} as a whole line on stdout. */
    public RunResult assertStdoutLine(String line) {
        assertTrue(stdoutLines().contains(line), () -> "no stdout line '" + line + "' in " + describe());
        return this;
    }

    /** The value printed by the program as {@code KEY=value} on stdout (the last such line), or fails. */
    public String value(String key) {
        String found = null;
        for (String l : stdoutLines()) {
            if (l.startsWith(key + "=")) {
                found = l.substring(key.length() + 1);
            }
        }
        if (found == null) {
            fail("the program printed no " + key + "=...: " + describe());
        }
        return found;
    }

    /**
     * The reports in a log text (stderr by default), by cycle id, in order: each from its
     * {@code =====} line to its {@code cycle id:} line.
     */
    public static Map<String, String> reports(String log) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> lines = lines(log);
        int start = -1;
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.matches("=+") && i + 1 < lines.size() && lines.get(i + 1).startsWith("WARNING: ")) {
                start = i;
                block.setLength(0);
            }
            if (start >= 0) {
                block.append(l).append('\n');
                Matcher m = CYCLE_ID.matcher(l);
                if (m.matches()) {
                    out.put(m.group(1), block.toString());
                    start = -1;
                }
            }
        }
        return out;
    }

    /** {@link #reports(String)} of stderr. */
    public Map<String, String> stderrReports() {
        return reports(stderr);
    }

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\r?\n", -1)) {
            out.add(l);
        }
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** The command, status and output, for failure messages. */
    public String describe() {
        return "\n--- run on " + jvm + " in " + dir + " (" + millis + " ms) ---\n" + String.join(" ", command)
                + "\n--- exit status: " + exitCode + "\n--- stdout ---\n" + clip(stdout) + "\n--- stderr ---\n"
                + clip(stderr) + "\n--- end ---";
    }

    private static String clip(String s) {
        int max = 20_000;
        return s.length() <= max ? s : s.substring(0, max) + "\n... (" + (s.length() - max) + " more chars)";
    }
}

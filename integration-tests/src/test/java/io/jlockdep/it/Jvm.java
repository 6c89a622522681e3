package io.jlockdep.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A JVM the test programs run on: JDK 17 (the JVM running the tests, {@code java.home}) and JDK 25
 * ({@code /usr/lib/jvm/temurin-25-jdk-amd64/bin/java}, or {@code -Djlockdep.it.jdk25=PATH}). Every test is
 * parameterized over {@link #all()}; a JVM that is not installed makes its cases <em>skipped</em> with a
 * message ({@link #assumeAvailable()}), never silently passed.
 */
public final class Jvm {
    /** The default location of the second JDK. */
    public static final String DEFAULT_JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";

    /** The JVM running the tests (JDK 17 in this build; any version from 17 is accepted). */
    public static final Jvm JDK17 = new Jvm("JDK " + Runtime.version().feature(), 0,
            Paths.get(System.getProperty("java.home"), "bin", "java"));
    /** The second JDK. */
    public static final Jvm JDK25 = new Jvm("JDK 25", 25,
            Paths.get(System.getProperty("jlockdep.it.jdk25", DEFAULT_JDK25)));

    private final String name;
    /** The feature version required, or 0 for "whatever runs the tests". */
    private final int expectedFeature;
    private final Path java;
    private volatile Integer feature;
    private volatile String problem;

    private Jvm(String name, int expectedFeature, Path java) {
        this.name = name;
        this.expectedFeature = expectedFeature;
        this.java = java;
    }

    /** The JVMs every test runs on (argument source for {@code @MethodSource}). */
    public static Stream<Jvm> all() {
        return Stream.of(JDK17, JDK25);
    }

    /** The {@code java} launcher. */
    public Path java() {
        return java;
    }

    /** Whether the JVM has virtual threads (JDK 21 and later). */
    public boolean hasVirtualThreads() {
        return feature() >= 21;
    }

    /**
     * Skips the calling test (JUnit assumption, with the reason) when this JVM is not installed or is not
     * the version it stands for. Must be the first statement of every parameterized test.
     */
    public void assumeAvailable() {
        probe();
        assumeTrue(problem == null, () -> name + " skipped: " + problem);
    }

    /** The feature version the JVM reported (after {@link #assumeAvailable()}). */
    public int feature() {
        probe();
        return feature == null ? -1 : feature;
    }

    private synchronized void probe() {
        if (feature != null || problem != null) {
            return;
        }
        if (!Files.isExecutable(java)) {
            problem = "no java launcher at " + java + " (set -Djlockdep.it.jdk25=/path/to/bin/java)";
            return;
        }
        try {
            Process p = new ProcessBuilder(List.of(java.toString(), "-version")).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                problem = java + " -version did not finish";
                return;
            }
            String text = new String(out, StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("version \"(\\d+)").matcher(text);
            if (!m.find() || m.group(1).equals("1")) {
                problem = "cannot read the version of " + java + ": " + text.trim();
                return;
            }
            int f = Integer.parseInt(m.group(1));
            if (expectedFeature != 0 && f != expectedFeature) {
                problem = java + " is JDK " + f + ", not " + expectedFeature;
                return;
            }
            feature = f;
        } catch (IOException e) {
            problem = "cannot run " + java + ": " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

package io.jlockdep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium (Debian's {@code chromium} package, {@code /usr/bin/chromium}) loading a page from disk: the
 * DOM after loading ({@code --dump-dom}) and a screenshot. Each run has a fresh profile directory (removed after),
 * no network services, and a time limit after which Chromium and its child processes are killed.
 * {@code -Djlockdep.it.chromium=skip} skips the tests that need it, {@code -Djlockdep.it.chromium=PATH} names
 * another binary; without it, a missing {@code /usr/bin/chromium} fails the test with what to do.
 */
final class Chromium {
    static final String PROPERTY = "jlockdep.it.chromium";
    static final Path DEFAULT = Paths.get("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 90;

    private final Path binary;

    private Chromium(Path binary) {
        this.binary = binary;
    }

    /** The browser, or a skipped test ({@code -Djlockdep.it.chromium=skip}) or a failed one (not installed). */
    static Chromium require() {
        String v = System.getProperty(PROPERTY, "");
        if (v.equals("skip")) {
            Assumptions.abort("Chromium skipped (-D" + PROPERTY + "=skip)");
        }
        // an unset Maven property arrives as its own ${...} text
        Path bin = v.isEmpty() || v.startsWith("${") ? DEFAULT : Paths.get(v);
        if (!Files.isExecutable(bin)) {
            fail("no Chromium at " + bin + ": install it (apt-get install chromium, as .ci/run does) or pass -D"
                    + PROPERTY + "=skip");
        }
        return new Chromium(bin);
    }

    /** The page's DOM after loading, serialized. */
    String dumpDom(Path page, Path workDir) {
        return run(workDir, "dom", List.of("--dump-dom", page.toUri().toString()));
    }

    /** A screenshot of the page in a window of {@code width} x {@code height} CSS pixels, written to {@code png}. */
    Path screenshot(Path page, Path png, int width, int height) {
        run(png.getParent(), "screenshot-" + height, List.of("--screenshot=" + png, "--window-size=" + width + ","
                + height, "--hide-scrollbars", page.toUri().toString()));
        assertTrue(Files.isRegularFile(png), "Chromium wrote no screenshot " + png);
        return png;
    }

    private String run(Path workDir, String what, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--force-device-scale-factor=1",
                "--force-color-profile=srgb"));
        Path profile = null;
        Path out = workDir.resolve("chromium-" + what + ".out");
        Path err = workDir.resolve("chromium-" + what + ".err");
        try {
            profile = Files.createTempDirectory(workDir, "chromium-profile-");
            cmd.add("--user-data-dir=" + profile);
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                fail("Chromium did not finish in " + TIMEOUT_SECONDS + " s (killed): " + String.join(" ", cmd));
            }
            // the browser's helpers (zygote, GPU, network) end with it; a straggler is not left to run
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            assertEquals(0, p.exitValue(), () -> "Chromium exit status, " + String.join(" ", cmd) + "\n--- stderr ---\n"
                    + Fork.read(err));
            return Fork.read(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            delete(profile);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a profile left in the run directory harms nothing
        }
    }
}

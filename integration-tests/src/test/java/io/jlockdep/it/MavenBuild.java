package io.jlockdep.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real Maven builds of a user's project, and the command-line tool run on what they left, for the consumer ITs
 * ({@code ConsumerProjectIT}, {@code MavenPluginIT}).
 *
 * <p>Where a consumer build gets jlockdep from: before the tests run, the {@code pre-integration-test} phase
 * installs this build's {@code jlockdep-parent} pom and the jlockdep artifacts users take (agent, JUnit extension,
 * Maven plugin with the CLI and core it depends on) into {@code target/consumer-repo} (maven-install-plugin
 * {@code install-file}, see the pom). The consumer build uses that directory as its local repository, so those are
 * the only jlockdep artifacts it can see: a stale or missing {@code 0.1.0-SNAPSHOT} in {@code ~/.m2} plays no part,
 * and nothing is installed there. Everything else (plugins, JUnit) it takes from a settings file whose repositories
 * are the usual local repository, read as a {@code file:} repository, then Maven Central — releases only, so no
 * SNAPSHOT can come from either. The consumers pin the parent's plugin and JUnit versions, so on a machine that just
 * built this project nothing is downloaded but what a consumer adds (JaCoCo).
 *
 * <p>Builds share {@code target/consumer-repo}: run them one after the other. Each one's output is kept in its
 * directory under {@code target/it-work}.
 */
final class MavenBuild {
    static final Path REPO = path("jlockdep.it.consumerRepo", "target/consumer-repo");
    static final String VERSION = System.getProperty("jlockdep.it.version", "0.1.0-SNAPSHOT");
    private static final long TIMEOUT_MINUTES = 5;

    private static Path settings;

    private MavenBuild() {
    }

    /** A finished process: its command, the directory it ran for, its exit status and its output. */
    static final class Ran {
        final List<String> command;
        final Path dir;
        final int exit;
        final String output;

        Ran(List<String> command, Path dir, int exit, String output) {
            this.command = command;
            this.dir = dir;
            this.exit = exit;
            this.output = output;
        }

        /** The copy of the project the build ran in. */
        Path project() {
            return dir.resolve("project");
        }

        String describe() {
            return "exit status " + exit + " of " + String.join(" ", command) + " (for " + dir + ")\n" + output;
        }
    }

    /** Fails unless {@code artifacts} (of this version) were installed into the consumer repository. */
    static void requireInstalled(String... artifacts) {
        for (String artifact : artifacts) {
            Path dir = REPO.resolve("io/jlockdep/" + artifact + "/" + VERSION);
            assertTrue(Files.isDirectory(dir), dir + " is missing: run this test through Maven (mvn verify), whose"
                    + " pre-integration-test phase installs this build's artifacts there");
        }
    }

    /** A copy of {@code project} (its {@code target} left out) in a new directory named after {@code name}. */
    static Path copy(Path project, String name) {
        Path dir = Fork.newDir("consumer-" + name);
        copyTree(project, dir.resolve("project"));
        return dir;
    }

    /** Builds a fresh copy of {@code project} with Maven. */
    static Ran maven(Path project, String name, String... goalsAndOptions) {
        return maven(project, name, Map.of(), goalsAndOptions);
    }

    /** Builds a fresh copy of {@code project} with {@code files} (path to text) added to it, with Maven. */
    static Ran maven(Path project, String name, Map<String, String> files, String... goalsAndOptions) {
        Path dir = copy(project, name);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = dir.resolve("project").resolve(f.getKey());
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, f.getValue());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
        return mavenIn(dir, goalsAndOptions);
    }

    /** Runs Maven again in {@code dir}'s project (as {@link #copy} made it); output to a new log there. */
    static Ran mavenIn(Path dir, String... goalsAndOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(mavenExecutable());
        cmd.addAll(Arrays.asList("-B", "-ntp", "-Dstyle.color=never", "-s", settings().toString(),
                "-Dmaven.repo.local=" + REPO, "-Djlockdep.version=" + VERSION));
        cmd.addAll(Arrays.asList(goalsAndOptions));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.resolve("project").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        for (String v : List.of("MAVEN_OPTS", "MAVEN_ARGS")) {
            pb.environment().remove(v);
        }
        return exec(pb, dir, dir.resolve("build-" + System.nanoTime() + ".log"), TIMEOUT_MINUTES);
    }

    /** One run of the command-line tool in the agent jar the consumer builds used. */
    static Ran cli(Ran build, String... args) {
        Path agent = REPO.resolve("io/jlockdep/jlockdep-agent/" + VERSION + "/jlockdep-agent-" + VERSION + ".jar");
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList("-jar", agent.toString()));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(build.dir.toFile());
        return exec(pb, build.dir, build.dir.resolve("cli-" + args[0] + "-" + System.nanoTime() + ".log"), 2);
    }

    /** The settings file of every consumer build (written once). */
    private static synchronized Path settings() {
        if (settings != null) {
            return settings;
        }
        String m2 = System.getProperty("jlockdep.it.mavenRepo", System.getProperty("user.home") + "/.m2/repository");
        String repositories = repository("repository", "jlockdep-it-local", Paths.get(m2).toUri().toString())
                + repository("repository", "central", "https://repo.maven.apache.org/maven2");
        String pluginRepositories = repository("pluginRepository", "jlockdep-it-local", Paths.get(m2).toUri().toString())
                + repository("pluginRepository", "central", "https://repo.maven.apache.org/maven2");
        Path file = Fork.newDir("consumer-settings").resolve("settings.xml");
        try {
            Files.writeString(file, "<settings>\n"
                    + "  <profiles>\n"
                    + "    <profile>\n"
                    + "      <id>jlockdep-it</id>\n"
                    + "      <repositories>\n" + repositories + "      </repositories>\n"
                    + "      <pluginRepositories>\n" + pluginRepositories + "      </pluginRepositories>\n"
                    + "    </profile>\n"
                    + "  </profiles>\n"
                    + "  <activeProfiles><activeProfile>jlockdep-it</activeProfile></activeProfiles>\n"
                    + "</settings>\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        settings = file;
        return file;
    }

    /** A release-only repository (no SNAPSHOT can come from it); checksums are not kept in a local repository. */
    private static String repository(String element, String id, String url) {
        return "        <" + element + ">\n"
                + "          <id>" + id + "</id>\n"
                + "          <url>" + url + "</url>\n"
                + "          <releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>\n"
                + "          <snapshots><enabled>false</enabled></snapshots>\n"
                + "        </" + element + ">\n";
    }

    /** Runs {@code pb} (no input, output and errors to {@code log}, no JVM options from the environment). */
    private static Ran exec(ProcessBuilder pb, Path dir, Path log, long timeoutMinutes) {
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        for (String v : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
            pb.environment().remove(v);
        }
        List<String> cmd = pb.command();
        try {
            Process p = pb.start();
            if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
                fail("did not finish in " + timeoutMinutes + " minutes: " + String.join(" ", cmd) + "\n"
                        + Fork.read(log));
            }
            return new Ran(cmd, dir, p.exitValue(), Fork.read(log));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + cmd, e);
        }
    }

    /** The {@code mvn} of the Maven running this build, else the one on the PATH. */
    private static String mavenExecutable() {
        String home = System.getProperty("jlockdep.it.mavenHome", "");
        if (!home.isEmpty()) {
            Path mvn = Paths.get(home, "bin", "mvn");
            if (Files.isExecutable(mvn)) {
                return mvn.toString();
            }
        }
        return "mvn";
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path rel = from.relativize(f);
                if (inTarget(rel)) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }

    /** Whether {@code rel} is a build's output: a {@code target} directory of the project or of a module. */
    private static boolean inTarget(Path rel) {
        for (Path segment : rel) {
            if (segment.toString().equals("target")) {
                return true;
            }
        }
        return false;
    }

    static Path path(String property, String fallback) {
        return Paths.get(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    }
}

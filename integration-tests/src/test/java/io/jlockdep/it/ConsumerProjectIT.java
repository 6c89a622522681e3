package io.jlockdep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A user's project, built with Maven: {@code src/it/consumer} runs its tests under the agent with the JUnit 5
 * extension auto-detected, configured as the README says. One test class is clean, the other splits an
 * inversion over two tests: the build fails naming the second test, with the report; without that class it
 * passes.
 *
 * <p>Where the consumer build gets jlockdep from: before the tests run, the {@code pre-integration-test} phase
 * installs this build's {@code jlockdep-parent} pom, {@code jlockdep-agent} and {@code jlockdep-junit5} into
 * {@code target/consumer-repo} (maven-install-plugin {@code install-file}, see the pom). The consumer build uses
 * that directory as its local repository, so those are the only jlockdep artifacts it can see: a stale or
 * missing {@code 0.1.0-SNAPSHOT} in {@code ~/.m2} plays no part, and nothing is installed there. Everything else
 * (plugins, JUnit) it takes from a settings file whose repositories are the usual local repository, read as a
 * {@code file:} repository, then Maven Central — releases only, so no SNAPSHOT can come from either. The
 * consumer pins the parent's plugin and JUnit versions (checked here), so on a machine that just built this
 * project nothing is downloaded.
 *
 * <p>The builds run one after the other (they share {@code target/consumer-repo}); their output is kept in the
 * session directory under {@code target/it-work}.
 */
@Execution(ExecutionMode.SAME_THREAD)
class ConsumerProjectIT {
    private static final Path PROJECT = path("jlockdep.it.consumerProject", "src/it/consumer");
    private static final Path REPO = path("jlockdep.it.consumerRepo", "target/consumer-repo");
    private static final Path PARENT_POM = path("jlockdep.it.parentPom", "../pom.xml");
    private static final String VERSION = System.getProperty("jlockdep.it.version", "0.1.0-SNAPSHOT");
    private static final long TIMEOUT_MINUTES = 5;

    private static Path settings;

    @BeforeAll
    static void settings() throws IOException {
        for (String artifact : List.of("jlockdep-parent", "jlockdep-agent", "jlockdep-junit5")) {
            Path dir = REPO.resolve("io/jlockdep/" + artifact + "/" + VERSION);
            assertTrue(Files.isDirectory(dir), dir + " is missing: run this test through Maven (mvn verify), whose"
                    + " pre-integration-test phase installs this build's artifacts there");
        }
        String m2 = System.getProperty("jlockdep.it.mavenRepo", System.getProperty("user.home") + "/.m2/repository");
        String repositories = repository("repository", "jlockdep-it-local", Paths.get(m2).toUri().toString())
                + repository("repository", "central", "https://repo.maven.apache.org/maven2");
        String pluginRepositories = repository("pluginRepository", "jlockdep-it-local", Paths.get(m2).toUri().toString())
                + repository("pluginRepository", "central", "https://repo.maven.apache.org/maven2");
        settings = Fork.newDir("consumer-settings").resolve("settings.xml");
        Files.writeString(settings, "<settings>\n"
                + "  <profiles>\n"
                + "    <profile>\n"
                + "      <id>jlockdep-it</id>\n"
                + "      <repositories>\n" + repositories + "      </repositories>\n"
                + "      <pluginRepositories>\n" + pluginRepositories + "      </pluginRepositories>\n"
                + "    </profile>\n"
                + "  </profiles>\n"
                + "  <activeProfiles><activeProfile>jlockdep-it</activeProfile></activeProfiles>\n"
                + "</settings>\n");
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

    @Test
    void inversionFailsTheBuildWithTheReport() {
        Build b = maven("all-tests", "verify");

        assertNotEquals(0, b.exit, b.describe());
        String out = b.output;
        assertTrue(out.contains("WARNING: possible circular locking dependency detected"), b.describe());
        assertTrue(out.contains("ReentrantLock@com.example.Bank.<init>(Bank.java:"), b.describe());
        assertTrue(out.contains("monitor com.example.Account"), b.describe());
        assertTrue(out.contains("during test com.example.InversionTest.audit()"), b.describe());
        assertTrue(out.contains("during test com.example.InversionTest.deposit()"), b.describe());
        assertTrue(out.contains("jlockdep: 1 potential deadlock during this test: circular "), b.describe());
        assertTrue(out.lines().anyMatch(l -> l.contains("com.example.InversionTest.deposit")
                && l.contains("<<< FAILURE!")), "names the failing test\n" + b.describe());
        assertTrue(out.contains("Tests run: 3, Failures: 1, Errors: 0, Skipped: 0"), b.describe());
        assertFalse(out.lines().anyMatch(l -> l.contains("CleanTest") && l.contains("<<< FAILURE!")), b.describe());
        assertFalse(out.lines().anyMatch(l -> l.contains("InversionTest.audit") && l.contains("<<< FAILURE!")),
                b.describe());
        assertFalse(out.contains("the agent is not attached"), b.describe());
    }

    @Test
    void cleanTestsAloneBuild() {
        Build b = maven("clean-tests", "verify", "-Dtest=CleanTest");

        assertEquals(0, b.exit, b.describe());
        assertTrue(b.output.contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0"), b.describe());
        assertTrue(b.output.contains("BUILD SUCCESS"), b.describe());
        assertFalse(b.output.contains("possible circular locking dependency"), b.describe());
        assertFalse(b.output.contains("the agent is not attached"), b.describe());
    }

    /** The consumer pins the parent's plugin and JUnit versions, so its builds download nothing new. */
    @Test
    void consumerUsesTheParentsVersions() throws Exception {
        Document parent = xml(PARENT_POM);
        Document consumer = xml(PROJECT.resolve("pom.xml"));
        Map<String, String> managed = new HashMap<>();
        Element pluginManagement = (Element) parent.getElementsByTagName("pluginManagement").item(0);
        for (Element p : elements(pluginManagement.getElementsByTagName("plugin"))) {
            managed.put(text(p, "artifactId"), text(p, "version"));
        }
        List<Element> plugins = elements(consumer.getElementsByTagName("plugin"));
        assertFalse(plugins.isEmpty());
        for (Element p : plugins) {
            String artifactId = text(p, "artifactId");
            String version = text(p, "version");
            if (version != null) {
                assertEquals(managed.get(artifactId), version, artifactId + " in " + PROJECT.resolve("pom.xml"));
            }
        }
        assertEquals(text(parent.getDocumentElement(), "properties", "junit.version"),
                text(consumer.getDocumentElement(), "properties", "junit.version"), "junit.version");
    }

    // ---------------------------------------------------------------------------------------------------------

    /** One Maven build of a fresh copy of the consumer project. */
    private static final class Build {
        final List<String> command;
        final Path dir;
        final int exit;
        final String output;

        Build(List<String> command, Path dir, int exit, String output) {
            this.command = command;
            this.dir = dir;
            this.exit = exit;
            this.output = output;
        }

        String describe() {
            return "mvn exit status " + exit + " in " + dir + "\n" + String.join(" ", command) + "\n" + output;
        }
    }

    private static Build maven(String name, String... goalsAndOptions) {
        Path dir = Fork.newDir("consumer-" + name);
        Path project = dir.resolve("project");
        copyTree(PROJECT, project);
        List<String> cmd = new ArrayList<>();
        cmd.add(mavenExecutable());
        cmd.addAll(Arrays.asList("-B", "-ntp", "-Dstyle.color=never", "-s", settings.toString(),
                "-Dmaven.repo.local=" + REPO, "-Djlockdep.version=" + VERSION));
        cmd.addAll(Arrays.asList(goalsAndOptions));
        Path log = dir.resolve("build.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        for (String v : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "MAVEN_OPTS", "MAVEN_ARGS")) {
            pb.environment().remove(v);
        }
        try {
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
                fail("the consumer build did not finish in " + TIMEOUT_MINUTES + " minutes: " + String.join(" ", cmd)
                        + "\n" + Fork.read(log));
            }
            return new Build(cmd, dir, p.exitValue(), Fork.read(log));
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
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!from.relativize(f).startsWith("target")) {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }

    private static Document xml(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    private static List<Element> elements(NodeList nodes) {
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    /** The text of the child element path under {@code e} (direct children only), or null. */
    private static String text(Element e, String... path) {
        Element cur = e;
        for (String name : path) {
            Element next = null;
            for (Node n = cur.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
                    next = (Element) n;
                    break;
                }
            }
            if (next == null) {
                return null;
            }
            cur = next;
        }
        return cur.getTextContent().trim();
    }

    private static Path path(String property, String fallback) {
        return Paths.get(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    }
}

package io.jlockdep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The harness itself: the agent jar under test, and JDK 25 recordings read by the test JVM. */
class HarnessIT {
    /** The jar passed to -javaagent is this reactor's agent/target/jlockdep-agent.jar, built after its classes. */
    @Test
    void agentJarIsTheFreshReactorBuild() throws IOException {
        Path agentTarget = Paths.get(System.getProperty("jlockdep.it.sources", "src/test/java"))
                .resolve("../../../../agent/target").toAbsolutePath().normalize();
        assertEquals(agentTarget.resolve("jlockdep-agent.jar"), Fork.AGENT_JAR);
        assertTrue(Files.isRegularFile(Fork.AGENT_JAR), () -> "no agent jar at " + Fork.AGENT_JAR);
        try (JarFile jar = new JarFile(Fork.AGENT_JAR.toFile())) {
            assertEquals("io.jlockdep.bootstrap.AgentLauncher",
                    jar.getManifest().getMainAttributes().getValue("Premain-Class"));
            assertTrue(jar.getEntry("io/jlockdep/bootstrap/MonitorHooks.class") != null);
            assertTrue(jar.getEntry("io/jlockdep/api/Jlockdep.class") != null);
        }
        assertTrue(Files.isRegularFile(Fork.sessionAgentJar()));
        Path classes = agentTarget.resolve("classes");
        if (Files.isDirectory(classes)) {
            FileTime jarTime = Files.getLastModifiedTime(Fork.AGENT_JAR);
            try (Stream<Path> files = Files.walk(classes)) {
                Path newer = files.filter(p -> p.toString().endsWith(".class")).filter(p -> {
                    try {
                        return Files.getLastModifiedTime(p).compareTo(jarTime) > 0;
                    } catch (IOException e) {
                        return false;
                    }
                }).findFirst().orElse(null);
                assertTrue(newer == null, () -> "stale agent jar: " + newer + " is newer than " + Fork.AGENT_JAR
                        + "; rebuild with mvn -pl core,agent-bootstrap,agent install -DskipTests");
            }
        }
    }

    /** The test JVM (JDK 17) reads the recordings JDK 25 programs write, with jdk.jfr.consumer.RecordingFile. */
    @Test
    void jdk25RecordingsAreReadByTheTestJvm() {
        Jvm.JDK25.assumeAvailable();
        RunResult r = SharedRuns.lockTypes(Jvm.JDK25);
        assertTrue(Runtime.version().feature() <= 25);
        assertFalse(r.jfr().findings().isEmpty(), r::describe);
        assertFalse(r.jfr().edges().isEmpty(), r::describe);
        assertEquals(r.jfr().findings().size(), r.jfr().statistics().findings());
    }
}

package io.jlockdep.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Attaches the jlockdep agent to the unit-test JVMs: appends {@code -javaagent:} to {@code argLine} (Surefire), one
 * recording per JVM, {@code target/jlockdep/test-<pid>.jfr}.
 */
@Mojo(name = "prepare-agent", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public class PrepareAgentMojo extends AbstractAgentMojo {
    @Override
    String prefix() {
        return "test";
    }
}

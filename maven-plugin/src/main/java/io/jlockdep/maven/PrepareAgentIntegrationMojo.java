package io.jlockdep.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Attaches the jlockdep agent to the integration-test JVMs (Failsafe): as {@code prepare-agent}, run after the unit
 * tests, replacing its agent in {@code argLine}; recordings {@code target/jlockdep/it-<pid>.jfr}, which
 * {@code report} and {@code check} read together with the unit tests'.
 */
@Mojo(name = "prepare-agent-integration", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class PrepareAgentIntegrationMojo extends AbstractAgentMojo {
    @Override
    String prefix() {
        return "it";
    }
}

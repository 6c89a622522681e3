package io.jlockdep.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The -javaagent argument and how it joins an argLine that JaCoCo or the user set. */
class AgentArgLineTest {
    private static final String JAR = "/repo/io/jlockdep/jlockdep-agent/1.0/jlockdep-agent-1.0.jar";

    @Test
    void optionsFollowTheJarAfterAnEqualsSignSeparatedByCommas() throws Exception {
        assertEquals("-javaagent:" + JAR + "=jfr=/p/target/jlockdep/test-%p.jfr,edges=on,onCycle=throw",
                AgentArgLine.javaagent(JAR, List.of(new String[] {"jfr", "/p/target/jlockdep/test-%p.jfr"},
                        new String[] {"edges", "on"}, new String[] {"onCycle", "throw"})));
        assertEquals("-javaagent:" + JAR, AgentArgLine.javaagent(JAR, List.of()));
    }

    @Test
    void anArgumentWithSpacesIsQuotedForSurefiresSplitting() throws Exception {
        String arg = AgentArgLine.javaagent("/my repo/agent.jar", List.<String[]>of(new String[] {"jfr", "/my dir/x.jfr"}));
        assertEquals("\"-javaagent:/my repo/agent.jar=jfr=/my dir/x.jfr\"", arg);
        assertEquals(List.of("-Xmx1g", arg, "@{argLine}"), AgentArgLine.tokens("-Xmx1g  " + arg + "\t@{argLine}"));
    }

    @Test
    void aPercentOfTheDirectoryIsNotAnAgentPattern() {
        assertEquals("/p/100%%/target/jlockdep", AgentArgLine.outputDirectory("/p/100%/target/jlockdep"));
    }

    @Test
    void charactersTheArgumentCannotCarryAreRefusedWithTheReason() {
        AgentArgLine.Unusable comma = assertThrows(AgentArgLine.Unusable.class,
                () -> AgentArgLine.javaagent(JAR, List.<String[]>of(new String[] {"contract", "/a,b/c.txt"})));
        assertEquals("the value of the agent option contract contains ',', which the -javaagent argument cannot"
                + " carry (the agent separates its options with it): /a,b/c.txt", comma.getMessage());
        assertThrows(AgentArgLine.Unusable.class, () -> AgentArgLine.javaagent("/a=b/agent.jar", List.of()));
        assertThrows(AgentArgLine.Unusable.class, () -> AgentArgLine.javaagent("/a\"b/agent.jar", List.of()));
    }

    @Test
    void appendsToWhatIsThereAndReplacesItsOwnAgent() {
        String jacoco = "-javaagent:/repo/org/jacoco/org.jacoco.agent-0.8.15-runtime.jar=destfile=/p/target/jacoco.exec";
        String ours = "-javaagent:" + JAR + "=jfr=/p/target/jlockdep/test-%p.jfr,edges=on";
        String it = "-javaagent:" + JAR + "=jfr=/p/target/jlockdep/it-%p.jfr,edges=on";
        assertEquals(ours, AgentArgLine.join(null, JAR, ours));
        assertEquals(ours, AgentArgLine.join("  ", JAR, ours));
        assertEquals(jacoco + " -Xmx1g " + ours, AgentArgLine.join(jacoco + " -Xmx1g", JAR, ours));
        // prepare-agent-integration after prepare-agent (or a goal run twice): one agent, the newest options
        assertEquals(jacoco + " " + it, AgentArgLine.join(jacoco + " " + ours, JAR, it));
        assertEquals("-ea " + it, AgentArgLine.join("-ea \"" + ours.replace("/p/", "/p q/") + "\"", JAR, it));
        // another jlockdep agent jar (a hand-written one) is the user's business
        assertEquals("-javaagent:/other/jlockdep-agent.jar " + ours,
                AgentArgLine.join("-javaagent:/other/jlockdep-agent.jar", JAR, ours));
    }
}

package io.jlockdep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Stack frames as the agent records them ({@code StackTraceElement.toString()}). */
class FrameTest {
    @Test
    void everyShapeOfStackTraceElementToString() {
        Frame jdk = Frame.parse("java.base/java.lang.Thread.run(Thread.java:840)");
        assertEquals("java.base", jdk.module);
        assertEquals("java.lang.Thread", jdk.className);
        assertEquals("run", jdk.method);
        assertEquals("Thread.java", jdk.file);
        assertEquals(840, jdk.line);
        assertFalse(jdk.isProgramCode());

        Frame app = Frame.parse("com.acme.Bank$Audit.lambda$run$0(Bank.java:40)");
        assertNull(app.module);
        assertEquals("com.acme.Bank$Audit", app.className);
        assertEquals("lambda$run$0", app.method);
        assertEquals("Bank.java", app.file);
        assertEquals(40, app.line);
        assertTrue(app.isProgramCode());
        assertEquals("com/acme/Bank.java", app.packagePath());

        Frame named = Frame.parse("com.foo.loader/foo@9.0/com.foo.Main.run(Main.java:101)");
        assertEquals("foo", named.module);
        assertEquals("com.foo.Main", named.className);
        assertTrue(named.isProgramCode());

        Frame unnamedModuleOfNamedLoader = Frame.parse("jlockdep-agent//io.jlockdep.agent.report.Reporter.run(Reporter.java:7)");
        assertNull(unnamedModuleOfNamedLoader.module);
        assertEquals("io.jlockdep.agent.report.Reporter", unnamedModuleOfNamedLoader.className);
        assertFalse(unnamedModuleOfNamedLoader.isProgramCode(), "jlockdep's own frames");

        Frame appLoader = Frame.parse("app//com.acme.Main.main(Main.java:5)");
        assertNull(appLoader.module);
        assertEquals("com.acme.Main", appLoader.className);
        assertTrue(appLoader.isProgramCode());

        Frame noLine = Frame.parse("com.acme.Gen.run(Gen.java)");
        assertEquals("Gen.java", noLine.file);
        assertEquals(-1, noLine.line);
        assertTrue(noLine.isProgramCode());

        Frame unknown = Frame.parse("com.acme.Proxy$1.invoke(Unknown Source)");
        assertNull(unknown.file);
        assertFalse(unknown.isProgramCode(), "no source file: no location");
        assertNull(unknown.packagePath());

        Frame nativeFrame = Frame.parse("java.base/jdk.internal.misc.Unsafe.park(Native Method)");
        assertNull(nativeFrame.file);
        assertEquals("park", nativeFrame.method);

        Frame defaultPackage = Frame.parse("Inv.lambda$run$0(Inv.java:12)");
        assertEquals("Inv", defaultPackage.className);
        assertEquals("", defaultPackage.packageName());
        assertEquals("Inv.java", defaultPackage.packagePath());
        assertTrue(defaultPackage.isProgramCode());

        Frame junk = Frame.parse("no frame here");
        assertEquals("no frame here", junk.text);
        assertNull(junk.className);
        assertFalse(junk.isProgramCode());
    }

    @Test
    void frameworkFramesAreNotProgramCode() {
        for (String f : new String[] {
            "javax.swing.JFrame.x(JFrame.java:1)", "jdk.internal.X.y(X.java:1)", "sun.misc.X.y(X.java:1)",
            "com.sun.X.y(X.java:1)", "io.jlockdep.bootstrap.Hooks.monitorEnter(Hooks.java:1)",
            "io.jlockdep.core.Lockdep.acquire(Lockdep.java:1)", "io.jlockdep.fence.Fence.await(Fence.java:1)",
            "io.jlockdep.junit5.Agent.x(Agent.java:1)",
            "org.junit.platform.X.y(X.java:1)", "org.apache.maven.surefire.booter.ForkedBooter.main(ForkedBooter.java:1)",
            "some.module/org.gradle.X.y(X.java:1)", "jdk.internal.vm.ci/com.acme.X.y(X.java:1)",
        }) {
            assertFalse(Frame.parse(f).isProgramCode(), f);
        }
        assertTrue(Frame.parse("io.jlockdep.it.programs.Policies.inversion(Policies.java:3)").isProgramCode(),
                "jlockdep's own test programs and demos are program code");
        assertTrue(Frame.parse("io.jlockdep.demo.Main.main(Main.java:3)").isProgramCode());
    }

    @Test
    void stacksAsRecorded() {
        List<Frame> frames = Frame.parseStack("\tat io.jlockdep.core.Lockdep.acquire(Lockdep.java:1)\n"
                + "\tat com.acme.Gen.run(Gen.java)\n"
                + "\tat com.acme.Bank.audit(Bank.java:40)\n"
                + "\tat java.base/java.lang.Thread.run(Thread.java:840)");
        assertEquals(4, frames.size());
        assertSame(frames.get(2), Frame.firstProgramFrame(frames), "the first program frame with a line wins");
        assertSame(frames.get(1), Frame.firstProgramFrame(frames.subList(0, 2)), "else one without a line");
        assertNull(Frame.firstProgramFrame(frames.subList(0, 1)));
        assertEquals(List.of(), Frame.parseStack(""));
        assertEquals(List.of(), Frame.parseStack(null));
        assertEquals(1, Frame.parseStack("at a.B.c(B.java:1)\n\n").size());
    }
}

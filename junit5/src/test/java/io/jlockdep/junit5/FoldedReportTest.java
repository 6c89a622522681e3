package io.jlockdep.junit5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How a failing test shows a report's stacks: the application's frames, framework runs folded. */
class FoldedReportTest {
    @Test
    void frameworkRunsAfterTheFirstApplicationFrameFoldIntoOneLine() {
        String report = "-> #1 (A): first seen in thread \"main\" -(EN)->\n"
                + "       at java.base/java.util.Vector.add(Vector.java:10)\n"
                + "       at com.acme.Bank.audit(Bank.java:26)\n"
                + "       at com.acme.BankTest.audit(BankTest.java:15)\n"
                + "       at java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)\n"
                + "       at java.base/java.lang.reflect.Method.invoke(Method.java:569)\n"
                + "       at org.junit.platform.commons.util.ReflectionUtils.invokeMethod(ReflectionUtils.java:767)\n"
                + "       at com.acme.TestSupport.run(TestSupport.java:3)\n"
                + "       at org.junit.jupiter.engine.execution.MethodInvocation.proceed(MethodInvocation.java:60)\n"
                + "       at com.acme.TestSupport.run(TestSupport.java:4)\n"
                + "       at app//org.apache.maven.surefire.booter.ForkedBooter.main(ForkedBooter.java:5)\n"
                + "       at org.junit.Other.x(Other.java:1)\n"
                + "\n"
                + "cycle id: 0123456789abcdef\n";
        assertEquals("-> #1 (A): first seen in thread \"main\" -(EN)->\n"
                // Above the first application frame: where the lock was taken, kept.
                + "       at java.base/java.util.Vector.add(Vector.java:10)\n"
                + "       at com.acme.Bank.audit(Bank.java:26)\n"
                + "       at com.acme.BankTest.audit(BankTest.java:15)\n"
                + "       … 3 framework frames\n"
                + "       at com.acme.TestSupport.run(TestSupport.java:3)\n"
                // A single framework frame stays: folding it would save nothing.
                + "       at org.junit.jupiter.engine.execution.MethodInvocation.proceed(MethodInvocation.java:60)\n"
                + "       at com.acme.TestSupport.run(TestSupport.java:4)\n"
                + "       … 2 framework frames\n"
                + "\n"
                + "cycle id: 0123456789abcdef\n", FoldedReport.fold(report));
    }

    @Test
    void theReportsOwnMoreLineJoinsTheRunBeforeIt() {
        String report = "  at com.acme.Bank.audit(Bank.java:26)\n"
                + "  at java.base/java.lang.reflect.Method.invoke(Method.java:569)\n"
                + "  at org.junit.platform.commons.util.ReflectionUtils.invokeMethod(ReflectionUtils.java:767)\n"
                + "  ... 20 more\n"
                + "next";
        assertEquals("  at com.acme.Bank.audit(Bank.java:26)\n"
                + "  … 2 framework frames and 20 more\n"
                + "next", FoldedReport.fold(report));
    }

    @Test
    void aStackWithoutApplicationFramesStaysWhole() {
        String report = "  at java.base/java.lang.Thread.run(Thread.java:840)\n"
                + "  at java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)\n";
        assertEquals(report, FoldedReport.fold(report));
    }

    @Test
    void theFailuresOwnStackEndsWithTheLastApplicationFrame() {
        StackTraceElement lock = new StackTraceElement("java.util.Vector", "add", "Vector.java", 10);
        StackTraceElement app = new StackTraceElement("com.acme.Bank", "audit", "Bank.java", 26);
        StackTraceElement test = new StackTraceElement("com.acme.BankTest", "audit", "BankTest.java", 15);
        StackTraceElement junit = new StackTraceElement("org.junit.platform.X", "y", "X.java", 1);
        StackTraceElement reflect = new StackTraceElement("java.lang.reflect.Method", "invoke", "Method.java", 2);
        assertArrayEquals(new StackTraceElement[] {lock, app, test},
                FoldedReport.applicationPart(new StackTraceElement[] {lock, app, test, reflect, junit}));
        StackTraceElement[] jdkOnly = {lock, reflect};
        assertArrayEquals(jdkOnly, FoldedReport.applicationPart(jdkOnly));
    }
}

/**
 * The JUnit 5 extension: {@link io.jlockdep.junit5.JlockdepExtension} fails the test during which the jlockdep
 * agent found a new potential deadlock. The agent itself must run in the test JVM
 * ({@code -javaagent:jlockdep-agent.jar}); this module only reads its findings and labels its context.
 */
package io.jlockdep.junit5;

/**
 * Test classes that the module's tests run through the {@code EngineTestKit}, under the agent: each one is a
 * scenario (an inversion split over two tests, a finding in {@code @BeforeAll}, …) with its own locks, so that
 * its lock classes — and therefore its findings — are new in the JVM. Named {@code *Sample}, which Surefire's
 * default includes never pick up.
 */
package io.jlockdep.junit5.samples;

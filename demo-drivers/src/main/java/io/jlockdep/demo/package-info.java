/**
 * The demo's command line ({@link io.jlockdep.demo.Main}: {@code list}, {@code run NAME…}, the guided tour)
 * and what it reports per scenario, through the agent's {@code io.jlockdep.api.Jlockdep} API.
 */
package io.jlockdep.demo;

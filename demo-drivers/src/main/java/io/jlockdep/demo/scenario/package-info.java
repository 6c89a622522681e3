/**
 * The scenarios: one per deadlock class of the dma-fence documents, each with a deliberate mistake and its
 * fixed twin, and the busy correct full stack ({@link io.jlockdep.demo.scenario.Scenarios}).
 */
package io.jlockdep.demo.scenario;

/**
 * A simulated GPU driver: buffer objects with reservations, the buffer manager and its shrinker, GPU VMs,
 * command submission under acquire contexts, the scheduler thread, the hardware ring with its engine and
 * interrupt threads, job-timeout recovery, runtime power management and userptr invalidation.
 */
package io.jlockdep.demo.gpu;

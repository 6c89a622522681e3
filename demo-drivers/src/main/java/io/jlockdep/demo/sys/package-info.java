/**
 * The simulated kernel the drivers run on: the {@link io.jlockdep.demo.sys.Machine} (driver threads, their
 * failures, shutdown), memory with allocation flags and reclaim (kswapd, shrinkers), process address
 * spaces with mmu notifiers, bounded fence waits, and the deliberate mistakes a driver can be built with.
 */
package io.jlockdep.demo.sys;

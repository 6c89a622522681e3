/**
 * A simulated display driver: CRTCs with ww-mutex modeset locks, nonblocking page flips with a commit-tail
 * worker, blocking modesets, vblank-signalled flip fences, and recovery after a GPU reset.
 */
package io.jlockdep.demo.display;

/**
 * Annotations that declare wait points and signalling sections of user code for the jlockdep agent, the
 * way the fence core's own waits and signals are declared (see {@code docs/fence.md}).
 */
package io.jlockdep.annotation;

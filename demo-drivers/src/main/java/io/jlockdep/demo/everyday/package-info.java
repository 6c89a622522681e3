/**
 * The tour's second part, "everyday Java": small classes of the kind any Java program has (bank accounts, a
 * price cache in front of a feed, an order desk, a batch dispatcher), each with one deadlock a Java developer
 * writes without noticing, and one scenario pair per deadlock ({@link io.jlockdep.demo.everyday.BankInversion},
 * {@link io.jlockdep.demo.everyday.FutureUnderLock}, {@link io.jlockdep.demo.everyday.NestedMonitorLockout},
 * {@link io.jlockdep.demo.everyday.LatchUnderLock}): the deliberate mistake, and its fixed twin that must stay
 * silent. Every deliberate mistake is a method named after what it does wrong and marked {@code DELIBERATE
 * MISTAKE}; the object's constructor decides whether it takes it. As in the driver stack, the two halves of
 * each mistake run one after the other, so nothing ever hangs.
 */
package io.jlockdep.demo.everyday;

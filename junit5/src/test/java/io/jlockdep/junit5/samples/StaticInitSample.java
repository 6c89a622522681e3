package io.jlockdep.junit5.samples;

import io.jlockdep.junit5.JlockdepExtension;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An inversion in the static initializer of a per-class test instance: JUnit creates the instance (and so
 * initializes the class) before any before-all callback runs, yet the class answers for it.
 */
@ExtendWith(JlockdepExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class StaticInitSample {
    static final ReentrantLock A = new ReentrantLock();
    static final ReentrantLock B = new ReentrantLock();

    static {
        Locks.nest(A, B);
        Locks.nest(B, A);
    }

    @Test
    void test() {
    }
}

package io.jlockdep.junit5.samples;

import static org.junit.jupiter.api.Assertions.fail;

import io.jlockdep.junit5.JlockdepExtension;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test that closes the cycle fails on its own too: its failure stays first, jlockdep's is suppressed. */
@ExtendWith(JlockdepExtension.class)
@TestMethodOrder(MethodOrderer.MethodName.class)
public class AlreadyFailingSample {
    static final ReentrantLock A = new ReentrantLock();
    static final ReentrantLock B = new ReentrantLock();

    @Test
    void first() {
        Locks.nest(A, B);
    }

    @Test
    void second() {
        Locks.nest(B, A);
        fail("the test's own failure");
    }
}

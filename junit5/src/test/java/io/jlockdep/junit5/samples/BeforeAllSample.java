package io.jlockdep.junit5.samples;

import io.jlockdep.junit5.JlockdepExtension;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Both halves of an inversion in {@code @BeforeAll}: the class fails, its tests pass. */
@ExtendWith(JlockdepExtension.class)
public class BeforeAllSample {
    static final ReentrantLock A = new ReentrantLock();
    static final ReentrantLock B = new ReentrantLock();

    @BeforeAll
    static void setUp() {
        Locks.nest(A, B);
        Locks.nest(B, A);
    }

    @Test
    void one() {
    }

    @Test
    void two() {
    }
}

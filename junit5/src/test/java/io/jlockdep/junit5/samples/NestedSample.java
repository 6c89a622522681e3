package io.jlockdep.junit5.samples;

import io.jlockdep.junit5.JlockdepExtension;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The outer class's test takes A then B; the {@code @Nested} class's test (run after it) B then A. */
@ExtendWith(JlockdepExtension.class)
public class NestedSample {
    static final ReentrantLock A = new ReentrantLock();
    static final ReentrantLock B = new ReentrantLock();

    @Test
    void outer() {
        Locks.nest(A, B);
    }

    @Nested
    class Inner {
        @Test
        void inner() {
            Locks.nest(B, A);
        }
    }
}

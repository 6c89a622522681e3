package io.jlockdep.junit5.samples;

import io.jlockdep.junit5.JlockdepExtension;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Consistent lock order everywhere: nothing to report. */
@ExtendWith(JlockdepExtension.class)
public class CleanSample {
    static final ReentrantLock A = new ReentrantLock();
    static final ReentrantLock B = new ReentrantLock();
    static final ReentrantLock C = new ReentrantLock();

    @Test
    void ab() {
        Locks.nest(A, B);
    }

    @Test
    void bc() {
        Locks.nest(B, C);
    }

    @Test
    void ac() {
        Locks.nest(A, C);
    }
}

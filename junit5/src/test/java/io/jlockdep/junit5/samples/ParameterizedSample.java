package io.jlockdep.junit5.samples;

import io.jlockdep.junit5.JlockdepExtension;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Invocation [1] takes A then B, invocation [2] B then A. */
@ExtendWith(JlockdepExtension.class)
public class ParameterizedSample {
    static final ReentrantLock A = new ReentrantLock();
    static final ReentrantLock B = new ReentrantLock();

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void transfer(boolean reversed) {
        if (reversed) {
            Locks.nest(B, A);
        } else {
            Locks.nest(A, B);
        }
    }
}

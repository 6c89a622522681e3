package io.jlockdep.junit5.samples;

import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@link InversionSample} without {@code @ExtendWith}: checked only when the extension is auto-detected. */
@TestMethodOrder(MethodOrderer.MethodName.class)
public class AutoDetectedSample {
    static final ReentrantLock A = new ReentrantLock();
    static final ReentrantLock B = new ReentrantLock();

    @Test
    void first() {
        Locks.nest(A, B);
    }

    @Test
    void second() {
        Locks.nest(B, A);
    }
}

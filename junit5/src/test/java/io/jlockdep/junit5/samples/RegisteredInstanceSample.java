package io.jlockdep.junit5.samples;

import io.jlockdep.junit5.JlockdepExtension;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Registered as an instance ({@code @RegisterExtension}), run with auto-detection on as well: JUnit does not
 * de-duplicate these two (it does {@code @ExtendWith} and auto-detection), so two instances see every test.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
public class RegisteredInstanceSample {
    @RegisterExtension
    static final JlockdepExtension JLOCKDEP = new JlockdepExtension();

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

package io.jlockdep.junit5.samples;

import io.jlockdep.junit5.JlockdepExtension;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** An inversion split over two tests: {@code second} closes the cycle over the order {@code first} took. */
@ExtendWith(JlockdepExtension.class)
@TestMethodOrder(MethodOrderer.MethodName.class)
public class InversionSample {
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

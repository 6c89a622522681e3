package io.jlockdep.junit5.samples;

import io.jlockdep.junit5.JlockdepExtension;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/** Repetition 1 takes A then B, repetition 2 B then A. */
@ExtendWith(JlockdepExtension.class)
public class RepeatedSample {
    static final ReentrantLock A = new ReentrantLock();
    static final ReentrantLock B = new ReentrantLock();

    @RepeatedTest(2)
    void repeated(RepetitionInfo info) {
        if (info.getCurrentRepetition() == 1) {
            Locks.nest(A, B);
        } else {
            Locks.nest(B, A);
        }
    }
}

package io.jlockdep.demo.display;

import io.jlockdep.fence.Fence;
import io.jlockdep.fence.Scope;
import io.jlockdep.fence.Signalling;
import io.jlockdep.fence.Timeline;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The vertical blank of one CRTC: flips armed by commit tails take effect at the next vblank, whose
 * interrupt signals their flip fences. The flip fences borrow the event lock (the kernel's
 * {@code dev->event_lock}).
 */
public final class Vblank {
    /** Guards the armed flips and the counter; borrowed by the flip fences. */
    private final ReentrantLock eventLock = new ReentrantLock();
    private final Timeline timeline;
    private final ArrayDeque<Fence> armed = new ArrayDeque<>();
    private long count;

    Vblank(String crtcName) {
        this.timeline = new Timeline(crtcName + "-flip", eventLock);
    }

    /** A new flip fence on this CRTC's timeline. */
    Fence newFlipFence() {
        return timeline.createFence(null);
    }

    /** Arms {@code flip}: it is signalled at the next vblank. Called from a commit tail, in its section. */
    void arm(Fence flip) {
        eventLock.lock();
        try {
            armed.add(flip);
        } finally {
            eventLock.unlock();
        }
    }

    /** The vblank interrupt: counts it and signals every armed flip. */
    @SuppressWarnings("try") // the section is a scope: try-with-resources brackets it
    void tick() {
        try (Scope section = Signalling.begin()) {
            eventLock.lock();
            try {
                count++;
                while (!armed.isEmpty()) {
                    armed.poll().signalLocked();
                }
            } finally {
                eventLock.unlock();
            }
        }
    }

    /** Vblanks so far. */
    public long count() {
        eventLock.lock();
        try {
            return count;
        } finally {
            eventLock.unlock();
        }
    }
}

package io.jlockdep.demo.display;

import io.jlockdep.demo.gpu.Bo;
import io.jlockdep.fence.WwMutex;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A display pipe: its modeset locks (the CRTC's and its primary plane's, ww mutexes of
 * {@link ModesetContext#CRTC_WW_CLASS}), the framebuffer committed to it (guarded by the modeset locks),
 * its scanout registers (guarded by the register lock) and its vblank.
 */
public final class Crtc {
    private final int index;
    private final String name;
    private final WwMutex crtcLock;
    private final WwMutex planeLock;
    /** Guards the scanout registers. Taken in commit tails and resets: a leaf. */
    private final ReentrantLock regLock = new ReentrantLock();
    private final Vblank vblank;

    /** The committed framebuffer. Guarded by the modeset locks. */
    private Bo committed;
    /** What the hardware scans out. Guarded by regLock. */
    private Bo scanout;
    private String scanoutTiling;
    private long programmed;

    Crtc(int index, String name) {
        this.index = index;
        this.name = name;
        this.crtcLock = new WwMutex(ModesetContext.CRTC_WW_CLASS, name);
        this.planeLock = new WwMutex(ModesetContext.CRTC_WW_CLASS, name + "-primary");
        this.vblank = new Vblank(name);
    }

    /** Its index on the display. */
    public int index() {
        return index;
    }

    /** Its name. */
    public String name() {
        return name;
    }

    /** The CRTC's own modeset lock. */
    public WwMutex lock() {
        return crtcLock;
    }

    /** The locks an atomic commit on this CRTC takes: the CRTC's and its primary plane's. */
    List<WwMutex> modesetLocks() {
        return List.of(crtcLock, planeLock);
    }

    /** Its vblank. */
    public Vblank vblank() {
        return vblank;
    }

    /** Commits {@code fb} as the new state; returns the old one. Needs the modeset locks. */
    Bo swapCommitted(Bo fb) {
        checkLocked();
        Bo old = committed;
        committed = fb;
        return old;
    }

    /** The committed framebuffer, or null. Needs the modeset locks. */
    Bo committed() {
        checkLocked();
        return committed;
    }

    private void checkLocked() {
        if (!crtcLock.isHeldByCurrentThread()) {
            throw new IllegalStateException(name + ": modeset state accessed without its lock");
        }
    }

    /** Programs the scanout registers. */
    void program(Bo fb, String tiling) {
        regLock.lock();
        try {
            scanout = fb;
            scanoutTiling = tiling;
            programmed++;
        } finally {
            regLock.unlock();
        }
    }

    /** Turns the pipe off (a hardware reset). */
    void resetHardware() {
        regLock.lock();
        try {
            scanout = null;
            scanoutTiling = null;
        } finally {
            regLock.unlock();
        }
    }

    /** The framebuffer the hardware scans out now, or null. */
    public Bo scanout() {
        regLock.lock();
        try {
            return scanout;
        } finally {
            regLock.unlock();
        }
    }

    /** The tiling the scanout registers were programmed with, or null. */
    public String scanoutTiling() {
        regLock.lock();
        try {
            return scanoutTiling;
        } finally {
            regLock.unlock();
        }
    }

    /** How many times the scanout registers were programmed. */
    public long programmed() {
        regLock.lock();
        try {
            return programmed;
        } finally {
            regLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "crtc " + name;
    }
}

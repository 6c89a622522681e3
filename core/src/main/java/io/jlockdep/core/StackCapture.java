package io.jlockdep.core;

import java.util.Arrays;

/** Captures the acquiring thread's stack, without the engine's own frames and any configured prefixes. */
final class StackCapture {
    private static final StackTraceElement[] NONE = new StackTraceElement[0];
    private static final String ENGINE = "io.jlockdep.core.";
    /** The engine classes whose frames are dropped (with their nested classes). */
    private static final String[] ENGINE_CLASSES = {"Lockdep", "PseudoLock", "StackCapture", "ThreadState",
        "InstanceOrder"};

    private StackCapture() {
    }

    static StackTraceElement[] none() {
        return NONE;
    }

    /** The current stack, innermost first, at most {@code maxFrames} frames; the engine's frames dropped. */
    static StackTraceElement[] capture(int maxFrames, String[] skipPrefixes) {
        return frames(trace(), maxFrames, skipPrefixes);
    }

    /**
     * The current stack, not yet made into frames: a third of the cost of {@link #capture}, which makes a
     * frame object per frame of the whole stack. For edges whose stack is most likely never shown.
     */
    static Throwable trace() {
        return new Throwable();
    }

    /** The stack of a {@link #trace}, as {@link #capture} gives it. */
    static StackTraceElement[] frames(Throwable trace, int maxFrames, String[] skipPrefixes) {
        StackTraceElement[] all = trace.getStackTrace();
        int start = 0;
        while (start < all.length && skip(all[start].getClassName(), skipPrefixes)) {
            start++;
        }
        int end = Math.min(all.length, start + maxFrames);
        return Arrays.copyOfRange(all, start, end);
    }

    private static boolean skip(String cls, String[] prefixes) {
        if (cls.startsWith(ENGINE) && isEngineClass(cls)) {
            return true;
        }
        for (String p : prefixes) {
            if (cls.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code cls} (in the engine's package) is one of the classes whose frames lie between the
     * caller and the capture, or a nested class of one. Compares in place: a substring and a string switch
     * per frame cost a third of a same-class nesting's stack capture.
     */
    private static boolean isEngineClass(String cls) {
        for (String engine : ENGINE_CLASSES) {
            if (cls.startsWith(engine, ENGINE.length())) {
                int end = ENGINE.length() + engine.length();
                if (cls.length() == end || cls.charAt(end) == '$') {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The stacks most recently stored on edges, so that edges first seen from one call path share one array
     * (short-lived same-class nesting stores an edge, and so a stack, per pair of instances; without sharing,
     * each pair's frames survive a collection). Direct-mapped by content hash, a newer stack replaces an
     * older one: at most {@value #SLOTS} stacks are held besides the edges' own. Used under the engine's
     * graph lock.
     */
    static final class Recent {
        static final int SLOTS = 256;
        private final StackTraceElement[][] stacks = new StackTraceElement[SLOTS][];
        private final int[] hashes = new int[SLOTS];

        /** A stored array equal to {@code stack}, or null (then {@code stack} takes its slot). */
        StackTraceElement[] share(StackTraceElement[] stack) {
            int h = Arrays.hashCode(stack);
            int i = (h ^ (h >>> 16)) & (SLOTS - 1);
            StackTraceElement[] known = stacks[i];
            if (known != null && hashes[i] == h && Arrays.equals(known, stack)) {
                return known;
            }
            stacks[i] = stack;
            hashes[i] = h;
            return null;
        }
    }
}

package io.jlockdep.core;

import java.util.Arrays;

/** Captures the acquiring thread's stack, without the engine's own frames and any configured prefixes. */
final class StackCapture {
    private static final StackTraceElement[] NONE = new StackTraceElement[0];
    private static final String ENGINE = "io.jlockdep.core.";

    private StackCapture() {
    }

    static StackTraceElement[] none() {
        return NONE;
    }

    /** The current stack, innermost first, at most {@code maxFrames} frames; the engine's frames dropped. */
    static StackTraceElement[] capture(int maxFrames, String[] skipPrefixes) {
        StackTraceElement[] all = new Throwable().getStackTrace();
        int start = 0;
        while (start < all.length && skip(all[start].getClassName(), skipPrefixes)) {
            start++;
        }
        int end = Math.min(all.length, start + maxFrames);
        return Arrays.copyOfRange(all, start, end);
    }

    private static boolean skip(String cls, String[] prefixes) {
        if (cls.startsWith(ENGINE) && isEngineClass(cls.substring(ENGINE.length()))) {
            return true;
        }
        for (String p : prefixes) {
            if (cls.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isEngineClass(String simple) {
        int dollar = simple.indexOf('$');
        String outer = dollar < 0 ? simple : simple.substring(0, dollar);
        switch (outer) {
            case "Lockdep":
            case "PseudoLock":
            case "StackCapture":
            case "ThreadState":
            case "InstanceOrder":
                return true;
            default:
                return false;
        }
    }
}

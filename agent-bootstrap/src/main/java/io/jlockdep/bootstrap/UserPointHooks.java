package io.jlockdep.bootstrap;

import io.jlockdep.core.Finding;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.Mode;
import io.jlockdep.core.PotentialDeadlockError;
import io.jlockdep.core.PseudoLock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * User-declared wait points and signalling sections ({@code @WaitPoint}, {@code @SignallingSection},
 * {@code @SignalPoint}, the {@code waits=}/{@code sections=} options). Each names a map, a pseudo lock
 * held shared by its sections and probed exclusively by its waits; {@link #FENCE_MAP}, the default, is the
 * fence core's signalling map, so such points go to {@link FenceHooks}. The agent registers each point's
 * map at transformation time ({@link #declarePoint}) under the method's descriptor string, which the
 * advice passes back as {@code origin}. Hook rules as in {@link MonitorHooks}.
 */
public final class UserPointHooks {
    /** Default map of user-declared wait points and sections: the fence signalling map. */
    public static final String FENCE_MAP = "fence-signalling";

    private static final ConcurrentHashMap<String, String> POINT_MAPS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, PseudoLock> USER_MAPS = new ConcurrentHashMap<>();
    /** Set by the first signalling section entered, the fence core's or a declared one (never reset). */
    static volatile boolean sectionsEntered;

    private UserPointHooks() {
    }

    /** A new engine: the maps' pseudo locks are created again on it. */
    static void arm() {
        USER_MAPS.clear();
    }

    /** Registers the map of a user-declared point ({@code origin} is the method's descriptor string). */
    public static void declarePoint(String origin, String map) {
        POINT_MAPS.put(origin, map);
    }

    /** On entry to a declared signalling section or signal point; returns the cookie for {@link #sectionExit}. */
    public static boolean sectionEnter(String origin) {
        Lockdep e = EngineHolder.engine;
        if (e == null) {
            return true;
        }
        try {
            String map = mapOf(origin);
            if (FENCE_MAP.equals(map)) {
                return FenceHooks.signallingBegin();
            }
            sectionsEntered = true;
            PseudoLock p = userMap(e, map);
            if (p.isHeld()) {
                return true;
            }
            Finding found = p.acquire(Mode.SHARED);
            if (CyclePolicy.stops(found)) {
                p.release();
                throw new PotentialDeadlockError(found);
            }
            return false;
        } catch (PotentialDeadlockError d) {
            throw d;
        } catch (Throwable ignored) {
            return true;
        }
    }

    /** On exit from a declared signalling section, normal or exceptional. */
    public static void sectionExit(String origin, boolean cookie) {
        Lockdep e = EngineHolder.engine;
        if (e == null || cookie) {
            return;
        }
        try {
            String map = mapOf(origin);
            if (FENCE_MAP.equals(map)) {
                FenceHooks.signallingEnd(false);
                return;
            }
            userMap(e, map).release();
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    /** On entry to a declared wait point: "this waits until the map's signalling sections can finish". */
    public static void waitPoint(String origin) {
        Lockdep e = EngineHolder.engine;
        if (e == null) {
            return;
        }
        try {
            String map = mapOf(origin);
            if (FENCE_MAP.equals(map)) {
                FenceHooks.fenceWait();
                return;
            }
            PseudoLock p = userMap(e, map);
            // As for fences: a wait inside the map's own section is not self-recursion.
            boolean held = p.isHeld();
            if (held) {
                p.release();
            }
            Finding found = p.probe(Mode.EXCLUSIVE);
            if (held) {
                p.acquire(Mode.SHARED);
            }
            CyclePolicy.probed(found);
        } catch (PotentialDeadlockError d) {
            throw d;
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    /**
     * Whether the calling thread is inside a signalling section, the fence core's or a declared map's: the
     * section already states what its signalling path needs, so an event produced there is its business.
     */
    static boolean inSignallingSection() {
        if (!sectionsEntered) {
            return false; // most programs never enter one: no per-thread look-up then
        }
        io.jlockdep.fence.FenceLockdep f = EngineHolder.fence;
        if (f != null && f.inSignallingSection()) {
            return true;
        }
        for (PseudoLock p : USER_MAPS.values()) {
            if (p.isHeld()) {
                return true;
            }
        }
        return false;
    }

    private static String mapOf(String origin) {
        String map = POINT_MAPS.get(origin);
        return map != null ? map : FENCE_MAP;
    }

    private static PseudoLock userMap(Lockdep e, String name) {
        PseudoLock p = USER_MAPS.get(name);
        if (p == null) {
            PseudoLock fresh = e.pseudoLock(name);
            p = USER_MAPS.putIfAbsent(name, fresh);
            if (p == null) {
                p = fresh;
            }
        }
        return p;
    }
}

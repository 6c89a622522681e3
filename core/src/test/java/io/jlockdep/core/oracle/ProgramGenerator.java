package io.jlockdep.core.oracle;

import io.jlockdep.core.oracle.Program.Event;
import io.jlockdep.core.oracle.Program.OpKind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random program generator. Each thread's operations are generated against a simulated held
 * stack of that thread (threads are independent: the engine's held stacks are per thread), so the
 * operations are mostly valid; then the threads are interleaved into one schedule.
 *
 * <p>The generator deliberately stays away from the few places where docs/engine.md does not pin the
 * behaviour down (the oracle flags them as "ambiguous", and the test asserts no generated program hits one):
 * mixing {@code r} and {@code R} holds on one reentrant entry, a mode-qualified release of a side the
 * topmost entry does not hold, re-acquiring a non-reentrant instance held both exclusively and shared,
 * a {@code W} trylock on a reentrant instance held only shared, and {@code waitRelease} on an entry that
 * also has read holds.
 */
final class ProgramGenerator {

    static final int CLASSES = 14;
    static final int MAX_DEPTH = 6;

    private ProgramGenerator() {
    }

    static Program generate(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String[] names = new String[CLASSES];
        boolean[] reentrant = new boolean[CLASSES];
        boolean[] ordered = new boolean[CLASSES];
        for (int c = 0; c < CLASSES; c++) {
            names[c] = String.format("L%02d", c);
            reentrant[c] = rnd.nextInt(100) < 60;
        }
        if (rnd.nextInt(100) < 20) {
            ordered[rnd.nextInt(CLASSES)] = true;
        }
        List<Integer> ic = new ArrayList<>();
        List<Integer> io = new ArrayList<>();
        int[][] instancesOf = new int[CLASSES][];
        for (int c = 0; c < CLASSES; c++) {
            int k = 1 + rnd.nextInt(3);
            instancesOf[c] = new int[k];
            for (int j = 0; j < k; j++) {
                instancesOf[c][j] = ic.size();
                ic.add(c);
                io.add(j);
            }
        }
        int[] instClass = ic.stream().mapToInt(Integer::intValue).toArray();
        int[] instOrdinal = io.stream().mapToInt(Integer::intValue).toArray();

        // a "hot" subset of classes makes inversions likely; the rest are used occasionally
        int[] perm = new int[CLASSES];
        for (int i = 0; i < CLASSES; i++) {
            perm[i] = i;
        }
        for (int i = CLASSES - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int hotN = 3 + rnd.nextInt(CLASSES - 2);
        int[] hot = new int[hotN];
        System.arraycopy(perm, 0, hot, 0, hotN);

        Shape shape = new Shape(rnd, instClass, instancesOf, reentrant, hot);
        int threads = 2 + rnd.nextInt(3);
        List<List<Event>> perThread = new ArrayList<>();
        List<List<Event>> sessions = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            perThread.add(new ThreadGen(rnd, shape, t).run(sessions));
        }

        // interleave: uniformly random interleaving, or with a tendency to keep running the same thread
        double[] stickiness = {0.0, 0.5, 0.85};
        double stick = stickiness[rnd.nextInt(stickiness.length)];
        int[] pos = new int[threads];
        int remaining = 0;
        for (List<Event> l : perThread) {
            remaining += l.size();
        }
        List<Event> events = new ArrayList<>(remaining);
        int cur = -1;
        while (remaining > 0) {
            if (cur < 0 || pos[cur] == perThread.get(cur).size() || rnd.nextDouble() >= stick) {
                int k = rnd.nextInt(remaining);
                for (int t = 0; t < threads; t++) {
                    int left = perThread.get(t).size() - pos[t];
                    if (k < left) {
                        cur = t;
                        break;
                    }
                    k -= left;
                }
            }
            events.add(perThread.get(cur).get(pos[cur]++));
            remaining--;
        }
        return new Program(names, reentrant, ordered, instClass, instOrdinal, threads, events);
    }

    /** Per-program knobs shared by its threads. */
    private static final class Shape {
        final int[] instClass;
        final int[][] instancesOf;
        final boolean[] reentrant;
        final int[] hot;
        final int wPercent;
        final int sameClassPercent;
        final int minActions;
        final int maxActions;
        /** a thread is 1..3 sessions, each from and back to an empty held stack */
        final int sessions;
        /** chance that a session repeats an earlier session of any thread (real code repeats its lock sequences) */
        final int repeatPercent;

        Shape(SplittableRandom rnd, int[] instClass, int[][] instancesOf, boolean[] reentrant, int[] hot) {
            this.instClass = instClass;
            this.instancesOf = instancesOf;
            this.reentrant = reentrant;
            this.hot = hot;
            this.wPercent = 35 + rnd.nextInt(50);
            this.sameClassPercent = 5 + rnd.nextInt(30);
            this.minActions = 4;
            this.maxActions = 8 + rnd.nextInt(20);
            this.sessions = 1 + rnd.nextInt(3);
            this.repeatPercent = rnd.nextInt(3) * 30;
        }
    }

    /** Simulated held entry of the generating thread. */
    private static final class Sim {
        final int inst;
        int w;
        int rd;
        char shared;

        Sim(int inst, int w, int rd, char shared) {
            this.inst = inst;
            this.w = w;
            this.rd = rd;
            this.shared = shared;
        }
    }

    private static final class ThreadGen {
        private final SplittableRandom rnd;
        private final Shape s;
        private final int thread;
        private final List<Sim> stack = new ArrayList<>();
        private final List<Event> out = new ArrayList<>();

        ThreadGen(SplittableRandom rnd, Shape s, int thread) {
            this.rnd = rnd;
            this.s = s;
            this.thread = thread;
        }

        private void emit(OpKind kind, int inst, char mode, int saved) {
            out.add(new Event(thread, kind, inst, mode, saved));
        }

        private boolean reentrant(int inst) {
            return s.reentrant[s.instClass[inst]];
        }

        private boolean held(int inst) {
            for (Sim e : stack) {
                if (e.inst == inst) {
                    return true;
                }
            }
            return false;
        }

        private Sim top(int inst) {
            for (int i = stack.size() - 1; i >= 0; i--) {
                if (stack.get(i).inst == inst) {
                    return stack.get(i);
                }
            }
            return null;
        }

        /** true if the (non-reentrant) instance is held both exclusively and shared by different entries */
        private boolean mixed(int inst) {
            boolean anyW = false;
            boolean anyS = false;
            for (Sim e : stack) {
                if (e.inst == inst) {
                    if (e.w > 0) {
                        anyW = true;
                    } else {
                        anyS = true;
                    }
                }
            }
            return anyW && anyS;
        }

        private boolean allShared(int inst) {
            for (Sim e : stack) {
                if (e.inst == inst && e.w > 0) {
                    return false;
                }
            }
            return true;
        }

        private char randomMode() {
            int x = rnd.nextInt(100);
            if (x < s.wPercent) {
                return 'W';
            }
            return rnd.nextBoolean() ? 'r' : 'R';
        }

        private int pickClass() {
            if (!stack.isEmpty() && rnd.nextInt(100) < s.sameClassPercent) {
                return s.instClass[stack.get(rnd.nextInt(stack.size())).inst];
            }
            if (rnd.nextInt(10) == 0) {
                return rnd.nextInt(CLASSES);
            }
            return s.hot[rnd.nextInt(s.hot.length)];
        }

        private int pickUnheldInstance() {
            for (int tries = 0; tries < 8; tries++) {
                int[] cands = s.instancesOf[pickClass()];
                int start = rnd.nextInt(cands.length);
                for (int k = 0; k < cands.length; k++) {
                    int inst = cands[(start + k) % cands.length];
                    if (!held(inst)) {
                        return inst;
                    }
                }
            }
            return -1;
        }

        private void push(int inst, char mode, int holds) {
            if (mode == 'W') {
                stack.add(new Sim(inst, holds, 0, (char) 0));
            } else {
                stack.add(new Sim(inst, 0, holds, mode));
            }
        }

        private void simRelease(Sim e, char mode) {
            if (mode == 0) {
                if (e.w > 0) {
                    e.w--;
                } else {
                    e.rd--;
                }
            } else if (mode == 'W') {
                e.w--;
            } else {
                e.rd--;
            }
            if (e.rd == 0) {
                e.shared = 0;
            }
            if (e.w == 0 && e.rd == 0) {
                stack.remove(e);
            }
        }

        /** releases one hold of a random held instance (topmost entry of that instance) */
        private void releaseOne() {
            int inst = stack.get(rnd.nextInt(stack.size())).inst;
            Sim e = top(inst);
            if (rnd.nextInt(100) < 30) {
                char mode;
                if (e.w > 0 && e.rd > 0) {
                    mode = rnd.nextBoolean() ? 'W' : e.shared;
                } else if (e.w > 0) {
                    mode = 'W';
                } else {
                    mode = e.shared;
                }
                emit(OpKind.RELEASE_MODE, inst, mode, 0);
                simRelease(e, mode);
            } else {
                emit(OpKind.RELEASE, inst, (char) 0, 0);
                simRelease(e, (char) 0);
            }
        }

        private void acquireNew(OpKind kind) {
            int inst = pickUnheldInstance();
            if (inst < 0) {
                return;
            }
            char mode = randomMode();
            emit(kind, inst, mode, 0);
            if (kind != OpKind.PROBE) {
                push(inst, mode, 1);
            }
        }

        private void reentrantReacquire() {
            List<Sim> cands = new ArrayList<>();
            for (Sim e : stack) {
                if (reentrant(e.inst)) {
                    cands.add(e);
                }
            }
            if (cands.isEmpty()) {
                return;
            }
            Sim e = cands.get(rnd.nextInt(cands.size()));
            boolean tryl = rnd.nextInt(100) < 15;
            char mode;
            if (e.w > 0) {
                mode = rnd.nextBoolean() ? 'W' : (e.shared != 0 ? e.shared : (rnd.nextBoolean() ? 'r' : 'R'));
            } else if (!tryl && rnd.nextInt(100) < 15) {
                mode = 'W'; // rw-upgrade: certain self-deadlock, counted as granted
            } else {
                mode = e.shared;
            }
            emit(tryl ? OpKind.TRY : OpKind.ACQUIRE, e.inst, mode, 0);
            if (mode == 'W') {
                e.w++;
            } else {
                e.rd++;
                e.shared = mode;
            }
        }

        private void nonReentrantReacquire() {
            List<Sim> cands = new ArrayList<>();
            for (Sim e : stack) {
                if (!reentrant(e.inst) && !mixed(e.inst)) {
                    cands.add(e);
                }
            }
            if (cands.isEmpty() || stack.size() >= MAX_DEPTH) {
                return;
            }
            int inst = cands.get(rnd.nextInt(cands.size())).inst;
            boolean tryl = rnd.nextInt(100) < 15;
            char mode;
            if (allShared(inst) && rnd.nextInt(100) < 75) {
                mode = 'R'; // recursive read after read: allowed
            } else {
                mode = randomMode();
            }
            emit(tryl ? OpKind.TRY : OpKind.ACQUIRE, inst, mode, 0);
            push(inst, mode, 1);
        }

        private void probe() {
            int inst;
            if (!stack.isEmpty() && rnd.nextInt(100) < 40) {
                inst = stack.get(rnd.nextInt(stack.size())).inst;
            } else {
                int[] cands = s.instancesOf[pickClass()];
                inst = cands[rnd.nextInt(cands.length)];
            }
            if (!reentrant(inst) && mixed(inst)) {
                return;
            }
            emit(OpKind.PROBE, inst, randomMode(), 0);
        }

        private void waitPair() {
            List<Sim> cands = new ArrayList<>();
            for (Sim e : stack) {
                if (reentrant(e.inst) && e.w > 0 && e.rd == 0) {
                    cands.add(e);
                }
            }
            if (cands.isEmpty()) {
                return;
            }
            Sim e = cands.get(rnd.nextInt(cands.size()));
            emit(OpKind.WAIT_RELEASE, e.inst, (char) 0, 0);
            stack.remove(e);
            emit(OpKind.WAIT_REACQUIRE, e.inst, (char) 0, e.w);
            push(e.inst, 'W', e.w);
        }

        private void unbalanced() {
            int inst = rnd.nextInt(s.instClass.length);
            if (!held(inst)) {
                emit(OpKind.RELEASE, inst, (char) 0, 0);
            }
        }

        List<Event> run(List<List<Event>> sessions) {
            for (int k = 0; k < s.sessions; k++) {
                if (!sessions.isEmpty() && rnd.nextInt(100) < s.repeatPercent) {
                    for (Event e : sessions.get(rnd.nextInt(sessions.size()))) {
                        out.add(new Event(thread, e.kind, e.inst, e.mode, e.saved));
                    }
                    continue;
                }
                int from = out.size();
                session(s.minActions + rnd.nextInt(s.maxActions - s.minActions + 1));
                sessions.add(new ArrayList<>(out.subList(from, out.size())));
            }
            return out;
        }

        private void session(int actions) {
            for (int step = 0; step < actions; step++) {
                int depth = stack.size();
                int wAcq = depth < MAX_DEPTH ? (depth == 0 ? 80 : 30) : 0;
                int wTry = depth < MAX_DEPTH ? 6 : 0;
                int wRel = depth == 0 ? 0 : 18 + 6 * depth;
                int wRe = depth == 0 ? 0 : 8;
                int wNonRe = depth == 0 ? 0 : 4;
                int wProbe = 5;
                int wWait = depth == 0 ? 0 : 3;
                int wUnbal = 1;
                int wNest = depth < MAX_DEPTH ? 1 : 0;
                int total = wAcq + wTry + wRel + wRe + wNonRe + wProbe + wWait + wUnbal + wNest;
                int x = rnd.nextInt(total);
                if ((x -= wAcq) < 0) {
                    acquireNew(OpKind.ACQUIRE);
                } else if ((x -= wTry) < 0) {
                    acquireNew(OpKind.TRY);
                } else if ((x -= wRel) < 0) {
                    releaseOne();
                } else if ((x -= wRe) < 0) {
                    reentrantReacquire();
                } else if ((x -= wNonRe) < 0) {
                    nonReentrantReacquire();
                } else if ((x -= wProbe) < 0) {
                    probe();
                } else if ((x -= wWait) < 0) {
                    waitPair();
                } else if ((x -= wUnbal) < 0) {
                    unbalanced();
                } else {
                    acquireNew(OpKind.ACQUIRE_NESTED_UNHELD);
                }
            }
            while (!stack.isEmpty()) {
                releaseOne();
            }
        }
    }
}

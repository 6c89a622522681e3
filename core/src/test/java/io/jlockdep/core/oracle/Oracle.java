package io.jlockdep.core.oracle;

import io.jlockdep.core.oracle.Program.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The brute-force reference model of docs/engine.md, written independently of the engine: it replays a
 * program's events in schedule order, keeps its own held stacks, every class-level edge with its type bits,
 * per-class instance graphs, and counts detections per event and kind exactly as "Counting detections" says.
 * There is no chain cache and no incremental cleverness: every new (edge, type) is checked by
 * {@link StrongWalks#onStrongClosedWalk} after all of the event's new (edge, type)s are added.
 */
final class Oracle {

    enum Policy { INSTANCE, STRICT, OFF }

    static final int CIRCULAR = 0;
    static final int RECURSIVE = 1;
    static final int RW_UPGRADE = 2;
    static final int INSTANCE_INVERSION = 3;
    static final int NEST_LOCK_NOT_HELD = 4;
    static final int UNBALANCED = 5;
    static final int KINDS = 6;
    /** the FindingKind constant names, in the order of the indexes above */
    static final String[] KIND_ENUM = {"CIRCULAR", "RECURSIVE", "RW_UPGRADE", "INSTANCE_INVERSION",
        "NEST_LOCK_NOT_HELD", "UNBALANCED"};
    static final String[] KIND_ID = {"circular", "recursive", "rw-upgrade", "instance-inversion",
        "nest-lock-not-held", "unbalanced"};

    /** Everything the oracle expects, per event and at the end. */
    static final class Result {
        final int[][] counts;
        final int[] depth;
        final String[] held;
        /** release: 1/0 (true/false); wait-release: the returned hold count; other ops: -1 */
        final int[] ret;
        /** "FROM -> TO" -> type bits, sorted */
        final Map<String, Integer> classEdges = new TreeMap<>();
        final long[] totals = new long[KINDS];
        int ambiguousEvent = -1;
        String ambiguity;

        Result(int n) {
            counts = new int[n][KINDS];
            depth = new int[n];
            held = new String[n];
            ret = new int[n];
        }
    }

    private static final class Entry {
        final int inst;
        final int cls;
        final boolean trylock;
        int writeHolds;
        int readHolds;
        /** the shared mode held ('r' or 'R'), 0 while no read hold */
        char sharedMode;

        Entry(int inst, int cls, boolean trylock) {
            this.inst = inst;
            this.cls = cls;
            this.trylock = trylock;
        }

        char effective() {
            return writeHolds > 0 ? 'W' : sharedMode;
        }
    }

    private Oracle() {
    }

    static Result run(Program p, Policy policy) {
        return new Replay(p, policy).replay();
    }

    private static final class Replay {
        private final Program p;
        private final Policy policy;
        private final List<List<Entry>> stacks = new ArrayList<>();
        private final int[][] classBits;
        /** per class: bits[fromInstance][toInstance] over all instances of the program (only that class's are used) */
        private final int[][][] instanceBits;
        private final Result res;
        private int cur;

        Replay(Program p, Policy policy) {
            this.p = p;
            this.policy = policy;
            for (int t = 0; t < p.threads; t++) {
                stacks.add(new ArrayList<>());
            }
            classBits = new int[p.classCount()][p.classCount()];
            instanceBits = new int[p.classCount()][][];
            res = new Result(p.events.size());
        }

        private void ambiguous(String why) {
            if (res.ambiguousEvent < 0) {
                res.ambiguousEvent = cur;
                res.ambiguity = why;
            }
        }

        Result replay() {
            for (cur = 0; cur < p.events.size(); cur++) {
                Event e = p.events.get(cur);
                List<Entry> stack = stacks.get(e.thread);
                int[] c = res.counts[cur];
                res.ret[cur] = -1;
                switch (e.kind) {
                    case ACQUIRE:
                        blocking(stack, e.inst, e.mode, true, 1, c);
                        break;
                    case ACQUIRE_NESTED_UNHELD:
                        c[NEST_LOCK_NOT_HELD]++;
                        blocking(stack, e.inst, e.mode, true, 1, c);
                        break;
                    case PROBE:
                        blocking(stack, e.inst, e.mode, false, 0, c);
                        break;
                    case TRY:
                        trylock(stack, e.inst, e.mode);
                        break;
                    case RELEASE:
                        res.ret[cur] = release(stack, e.inst, (char) 0, c) ? 1 : 0;
                        break;
                    case RELEASE_MODE:
                        res.ret[cur] = release(stack, e.inst, e.mode, c) ? 1 : 0;
                        break;
                    case WAIT_RELEASE:
                        res.ret[cur] = waitRelease(stack, e.inst);
                        break;
                    case WAIT_REACQUIRE:
                        if (e.saved <= 0) {
                            ambiguous("wait-reacquire with saved hold count " + e.saved);
                        }
                        if (entriesOf(stack, e.inst).size() > 0) {
                            ambiguous("wait-reacquire of an instance the thread holds");
                        }
                        blocking(stack, e.inst, 'W', true, e.saved, c);
                        break;
                    default:
                        throw new AssertionError(e.kind);
                }
                res.depth[cur] = stack.size();
                res.held[cur] = heldText(stack);
                for (int k = 0; k < KINDS; k++) {
                    res.totals[k] += c[k];
                }
            }
            for (int a = 0; a < p.classCount(); a++) {
                for (int b = 0; b < p.classCount(); b++) {
                    if (classBits[a][b] != 0) {
                        res.classEdges.put(p.classNames[a] + " -> " + p.classNames[b], classBits[a][b]);
                    }
                }
            }
            return res;
        }

        private String heldText(List<Entry> stack) {
            StringBuilder sb = new StringBuilder("[");
            for (Entry x : stack) {
                if (sb.length() > 1) {
                    sb.append(' ');
                }
                sb.append(p.classNames[x.cls]).append(x.effective());
                if (x.trylock) {
                    sb.append('?');
                }
            }
            return sb.append(']').toString();
        }

        private static List<Entry> entriesOf(List<Entry> stack, int inst) {
            List<Entry> l = new ArrayList<>();
            for (Entry x : stack) {
                if (x.inst == inst) {
                    l.add(x);
                }
            }
            return l;
        }

        private Entry topmost(List<Entry> stack, int inst) {
            for (int i = stack.size() - 1; i >= 0; i--) {
                if (stack.get(i).inst == inst) {
                    return stack.get(i);
                }
            }
            return null;
        }

        /** reentrant shared hold on an entry: one shared mode per entry (mixing r and R is left open by the doc) */
        private void addReadHold(Entry x, char mode) {
            if (x.sharedMode != 0 && x.sharedMode != mode) {
                ambiguous("r and R holds mixed on one reentrant entry");
            }
            x.readHolds++;
            if (x.sharedMode == 0) {
                x.sharedMode = mode;
            }
        }

        /**
         * Rule 1 (blocking acquire), also used for probes (push=false: 1.1 changes nothing, no push) and
         * wait-reacquire (mode W, {@code holds} write holds).
         */
        private void blocking(List<Entry> stack, int inst, char mode, boolean push, int holds, int[] c) {
            int cls = p.instClass[inst];
            List<Entry> same = entriesOf(stack, inst);
            // 1.1 reentrancy
            if (!same.isEmpty()) {
                if (p.reentrant[cls]) {
                    if (same.size() != 1) {
                        throw new AssertionError("oracle: two entries of one reentrant instance");
                    }
                    Entry x = same.get(0);
                    if (mode == 'W') {
                        if (x.writeHolds == 0) {
                            c[RW_UPGRADE]++;
                        }
                        if (push) {
                            x.writeHolds += holds;
                        }
                    } else if (push) {
                        addReadHold(x, mode);
                    }
                    return; // a reentrant bump and an rw-upgrade stop here
                }
                boolean anyW = false;
                boolean anyShared = false;
                for (Entry x : same) {
                    if (x.effective() == 'W') {
                        anyW = true;
                    } else {
                        anyShared = true;
                    }
                }
                if (anyW && anyShared) {
                    ambiguous("re-acquire of a non-reentrant instance held both W and shared");
                }
                if (!(mode == 'R' && !anyW)) {
                    c[RECURSIVE]++;
                }
                // and on with 1.2 and 1.3
            }
            // 1.2 same-class nesting, over held entries of the same class and another instance
            List<int[]> newInstanceEdges = new ArrayList<>();
            for (Entry prev : stack) {
                if (prev.cls != cls || prev.inst == inst) {
                    continue;
                }
                if (p.ordered[cls]) {
                    if (!(p.instOrdinal[prev.inst] < p.instOrdinal[inst])) {
                        c[RECURSIVE]++;
                    }
                    continue;
                }
                switch (policy) {
                    case OFF:
                        break;
                    case STRICT:
                        if (!(mode == 'R' && prev.effective() != 'W')) {
                            c[RECURSIVE]++;
                        }
                        break;
                    case INSTANCE: {
                        int t = StrongWalks.type(prev.effective(), mode);
                        int[][] g = instanceGraph(cls);
                        if ((g[prev.inst][inst] & t) == 0 && !contains(newInstanceEdges, prev.inst, inst, t)) {
                            newInstanceEdges.add(new int[] {prev.inst, inst, t});
                        }
                        break;
                    }
                    default:
                        throw new AssertionError(policy);
                }
            }
            if (!newInstanceEdges.isEmpty()) {
                int[][] g = instanceGraph(cls);
                for (int[] e : newInstanceEdges) {
                    g[e[0]][e[1]] |= e[2];
                }
                for (int[] e : newInstanceEdges) {
                    if (StrongWalks.onStrongClosedWalk(g, e[0], e[1], e[2])) {
                        c[INSTANCE_INVERSION]++;
                    }
                }
            }
            // 1.3 class edges from every held entry of another class
            List<int[]> newClassEdges = new ArrayList<>();
            for (Entry prev : stack) {
                if (prev.cls == cls) {
                    continue;
                }
                int t = StrongWalks.type(prev.effective(), mode);
                if ((classBits[prev.cls][cls] & t) == 0 && !contains(newClassEdges, prev.cls, cls, t)) {
                    newClassEdges.add(new int[] {prev.cls, cls, t});
                }
            }
            for (int[] e : newClassEdges) {
                classBits[e[0]][e[1]] |= e[2];
            }
            for (int[] e : newClassEdges) {
                if (StrongWalks.onStrongClosedWalk(classBits, e[0], e[1], e[2])) {
                    c[CIRCULAR]++;
                }
            }
            // 1.4 push
            if (push) {
                Entry x = new Entry(inst, cls, false);
                if (mode == 'W') {
                    x.writeHolds = holds;
                } else {
                    x.readHolds = holds;
                    x.sharedMode = mode;
                }
                stack.add(x);
            }
        }

        private int[][] instanceGraph(int cls) {
            if (instanceBits[cls] == null) {
                instanceBits[cls] = new int[p.instanceCount()][p.instanceCount()];
            }
            return instanceBits[cls];
        }

        private static boolean contains(List<int[]> l, int a, int b, int t) {
            for (int[] e : l) {
                if (e[0] == a && e[1] == b && e[2] == t) {
                    return true;
                }
            }
            return false;
        }

        /** Rule 2: no findings, no edges to it, no same-class check. */
        private void trylock(List<Entry> stack, int inst, char mode) {
            int cls = p.instClass[inst];
            List<Entry> same = entriesOf(stack, inst);
            if (!same.isEmpty() && p.reentrant[cls]) {
                Entry x = same.get(0);
                if (mode == 'W') {
                    if (x.writeHolds == 0) {
                        ambiguous("W trylock on a reentrant instance held only shared");
                    }
                    x.writeHolds++;
                } else {
                    addReadHold(x, mode);
                }
                return;
            }
            Entry x = new Entry(inst, cls, true);
            if (mode == 'W') {
                x.writeHolds = 1;
            } else {
                x.readHolds = 1;
                x.sharedMode = mode;
            }
            stack.add(x);
        }

        /** Rule 4. */
        private boolean release(List<Entry> stack, int inst, char mode, int[] c) {
            Entry x = topmost(stack, inst);
            if (x == null) {
                c[UNBALANCED]++;
                return false;
            }
            if (mode == 0) {
                if (x.writeHolds > 0) {
                    x.writeHolds--;
                } else {
                    x.readHolds--;
                }
            } else if (mode == 'W') {
                if (x.writeHolds == 0) {
                    ambiguous("release(W) of an entry without write holds");
                    return true;
                }
                x.writeHolds--;
            } else {
                if (x.readHolds == 0) {
                    ambiguous("release(shared) of an entry without read holds");
                    return true;
                }
                x.readHolds--;
            }
            if (x.readHolds == 0) {
                x.sharedMode = 0;
            }
            if (x.writeHolds == 0 && x.readHolds == 0) {
                stack.remove(x);
            }
            return true;
        }

        /** Rule 5, first half. */
        private int waitRelease(List<Entry> stack, int inst) {
            Entry x = topmost(stack, inst);
            if (x == null) {
                return 0;
            }
            if (!p.reentrant[x.cls] || x.readHolds > 0 || x.writeHolds == 0) {
                ambiguous("wait-release of an entry that is not held exclusively only");
            }
            stack.remove(x);
            return x.writeHolds;
        }
    }
}

package io.jlockdep.core.oracle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test program for the oracle: lock classes, lock instances, and the operations of all threads,
 * already interleaved in schedule order (event {@code i} is executed by thread {@code events.get(i).thread}).
 *
 * <p>The text form ({@link #toText()}, {@link #parse(String)}) is what failure reports print, so a
 * (shrunk) counterexample can be pasted back and replayed with {@code -Djlockdep.oracle.programFile=...}:
 * <pre>
 * classes: L00 L01* L02!      # '*' = non-reentrant (pseudoClass), '!' = orderBy(instance ordinal)
 * instances: L00=2 L01=1 L02=3
 * T0 acquire L00#1 W
 * T1 try L01#0 r
 * T0 release L00#1
 * </pre>
 */
final class Program {

    enum OpKind {
        ACQUIRE("acquire", true),
        TRY("try", true),
        PROBE("probe", true),
        RELEASE("release", false),
        RELEASE_MODE("release-mode", true),
        WAIT_RELEASE("wait-release", false),
        WAIT_REACQUIRE("wait-reacquire", false),
        ACQUIRE_NESTED_UNHELD("acquire-nested-unheld", true);

        final String word;
        final boolean hasMode;

        OpKind(String word, boolean hasMode) {
            this.word = word;
            this.hasMode = hasMode;
        }

        static OpKind ofWord(String w) {
            for (OpKind k : values()) {
                if (k.word.equals(w)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown op: " + w);
        }
    }

    /** One operation of one thread. {@code mode} is 'W', 'r', 'R' or 0; {@code saved} only for WAIT_REACQUIRE. */
    static final class Event {
        final int thread;
        final OpKind kind;
        final int inst;
        final char mode;
        final int saved;

        Event(int thread, OpKind kind, int inst, char mode, int saved) {
            this.thread = thread;
            this.kind = kind;
            this.inst = inst;
            this.mode = mode;
            this.saved = saved;
        }
    }

    final String[] classNames;
    final boolean[] reentrant;
    final boolean[] ordered;
    /** class index of each instance */
    final int[] instClass;
    /** ordinal of each instance inside its class (the order used by ordered classes) */
    final int[] instOrdinal;
    final int threads;
    final List<Event> events;

    Program(String[] classNames, boolean[] reentrant, boolean[] ordered, int[] instClass, int[] instOrdinal,
            int threads, List<Event> events) {
        this.classNames = classNames;
        this.reentrant = reentrant;
        this.ordered = ordered;
        this.instClass = instClass;
        this.instOrdinal = instOrdinal;
        this.threads = threads;
        this.events = Collections.unmodifiableList(new ArrayList<>(events));
    }

    int classCount() {
        return classNames.length;
    }

    int instanceCount() {
        return instClass.length;
    }

    Program withEvents(List<Event> newEvents) {
        return new Program(classNames, reentrant, ordered, instClass, instOrdinal, threads, newEvents);
    }

    /** The same program without the classes no event uses (class names and instance ordinals are kept). */
    Program pruned() {
        boolean[] used = new boolean[classNames.length];
        for (Event e : events) {
            used[instClass[e.inst]] = true;
        }
        int[] classMap = new int[classNames.length];
        List<String> names = new ArrayList<>();
        List<Boolean> re = new ArrayList<>();
        List<Boolean> ord = new ArrayList<>();
        for (int c = 0; c < classNames.length; c++) {
            classMap[c] = -1;
            if (used[c]) {
                classMap[c] = names.size();
                names.add(classNames[c]);
                re.add(reentrant[c]);
                ord.add(ordered[c]);
            }
        }
        int[] instMap = new int[instClass.length];
        List<Integer> ic = new ArrayList<>();
        List<Integer> io = new ArrayList<>();
        for (int i = 0; i < instClass.length; i++) {
            instMap[i] = -1;
            if (used[instClass[i]]) {
                instMap[i] = ic.size();
                ic.add(classMap[instClass[i]]);
                io.add(instOrdinal[i]);
            }
        }
        List<Event> evs = new ArrayList<>();
        for (Event e : events) {
            evs.add(new Event(e.thread, e.kind, instMap[e.inst], e.mode, e.saved));
        }
        boolean[] reA = new boolean[names.size()];
        boolean[] ordA = new boolean[names.size()];
        for (int c = 0; c < reA.length; c++) {
            reA[c] = re.get(c);
            ordA[c] = ord.get(c);
        }
        return new Program(names.toArray(new String[0]), reA, ordA,
                ic.stream().mapToInt(Integer::intValue).toArray(), io.stream().mapToInt(Integer::intValue).toArray(),
                threads, evs);
    }

    String instName(int inst) {
        return classNames[instClass[inst]] + "#" + instOrdinal[inst];
    }

    String describe(Event e) {
        StringBuilder sb = new StringBuilder();
        sb.append('T').append(e.thread).append(' ').append(e.kind.word).append(' ').append(instName(e.inst));
        if (e.kind.hasMode) {
            sb.append(' ').append(e.mode);
        }
        if (e.kind == OpKind.WAIT_REACQUIRE) {
            sb.append(' ').append(e.saved);
        }
        return sb.toString();
    }

    String header() {
        StringBuilder sb = new StringBuilder("classes:");
        for (int c = 0; c < classNames.length; c++) {
            sb.append(' ').append(classNames[c]);
            if (!reentrant[c]) {
                sb.append('*');
            }
            if (ordered[c]) {
                sb.append('!');
            }
        }
        sb.append("\ninstances:");
        int[] counts = new int[classNames.length];
        for (int c : instClass) {
            counts[c]++;
        }
        for (int c = 0; c < classNames.length; c++) {
            sb.append(' ').append(classNames[c]).append('=').append(counts[c]);
        }
        return sb.append('\n').toString();
    }

    String toText() {
        StringBuilder sb = new StringBuilder(header());
        for (Event e : events) {
            sb.append(describe(e)).append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return toText();
    }

    /** Parses the text form; instances are numbered class by class, ordinals 0..n-1. */
    static Program parse(String text) {
        List<String> names = new ArrayList<>();
        List<Boolean> re = new ArrayList<>();
        List<Boolean> ord = new ArrayList<>();
        Map<String, Integer> instCount = new LinkedHashMap<>();
        List<String[]> evLines = new ArrayList<>();
        for (String raw : text.split("\n")) {
            // comments: a line starting with '#', or " # ..." after the text (instance names contain '#')
            String line = raw;
            int hash = line.indexOf(" #");
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("classes:")) {
                for (String tok : line.substring(8).trim().split("\\s+")) {
                    boolean nonRe = false;
                    boolean isOrd = false;
                    while (tok.endsWith("*") || tok.endsWith("!")) {
                        if (tok.endsWith("*")) {
                            nonRe = true;
                        } else {
                            isOrd = true;
                        }
                        tok = tok.substring(0, tok.length() - 1);
                    }
                    names.add(tok);
                    re.add(!nonRe);
                    ord.add(isOrd);
                }
            } else if (line.startsWith("instances:")) {
                for (String tok : line.substring(10).trim().split("\\s+")) {
                    String[] kv = tok.split("=");
                    instCount.put(kv[0], Integer.parseInt(kv[1]));
                }
            } else {
                evLines.add(line.split("\\s+"));
            }
        }
        int nc = names.size();
        String[] cn = names.toArray(new String[0]);
        boolean[] reA = new boolean[nc];
        boolean[] ordA = new boolean[nc];
        List<Integer> ic = new ArrayList<>();
        List<Integer> io = new ArrayList<>();
        Map<String, Integer> instIndex = new LinkedHashMap<>();
        for (int c = 0; c < nc; c++) {
            reA[c] = re.get(c);
            ordA[c] = ord.get(c);
            int k = instCount.getOrDefault(cn[c], 1);
            for (int j = 0; j < k; j++) {
                instIndex.put(cn[c] + "#" + j, ic.size());
                ic.add(c);
                io.add(j);
            }
        }
        List<Event> evs = new ArrayList<>();
        int maxThread = 0;
        for (String[] t : evLines) {
            int thread = Integer.parseInt(t[0].substring(1));
            maxThread = Math.max(maxThread, thread);
            OpKind kind = OpKind.ofWord(t[1]);
            Integer inst = instIndex.get(t[2]);
            if (inst == null) {
                throw new IllegalArgumentException("unknown instance " + t[2]);
            }
            char mode = kind.hasMode ? t[3].charAt(0) : 0;
            int saved = kind == OpKind.WAIT_REACQUIRE ? Integer.parseInt(t[3]) : 0;
            evs.add(new Event(thread, kind, inst, mode, saved));
        }
        int[] icA = ic.stream().mapToInt(Integer::intValue).toArray();
        int[] ioA = io.stream().mapToInt(Integer::intValue).toArray();
        return new Program(cn, reA, ordA, icA, ioA, maxThread + 1, evs);
    }
}

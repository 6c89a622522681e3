package io.jlockdep.cli;

/**
 * The names of the JFR events the agent writes and this tool reads, and of their fields: the one place they are
 * spelled. The agent's event classes take their {@code @Name}s from here, the reader ({@link Recording}) looks
 * events and fields up by these names, and tests write and read recordings with them. Renaming one changes the
 * recording format: recordings of older agents would no longer be read.
 */
public final class EventSchema {
    /** Every jlockdep event name starts with this. */
    public static final String PREFIX = "io.jlockdep.";

    private EventSchema() {
    }

    /** {@code io.jlockdep.PotentialDeadlock}: one per distinct finding that was not suppressed. */
    public static final class PotentialDeadlock {
        public static final String NAME = PREFIX + "PotentialDeadlock";
        /** Stable id of the cycle, 16 hex digits. */
        public static final String CYCLE_ID = "cycleId";
        /** {@link io.jlockdep.core.FindingKind#id()}. */
        public static final String KIND = "kind";
        /** The cycle as lock classes, {@code A -> B -> A}. */
        public static final String LOCK_CLASSES = "lockClasses";
        /** Number of edges in the cycle (int). */
        public static final String LENGTH = "length";
        /** The full report in the lockdep layout. */
        public static final String REPORT = "report";
        /** The thread whose acquisition closed the cycle. */
        public static final String THREAD = "thread";
        /** The closing acquisition's stack, one {@code \tat frame} line per frame. */
        public static final String ACQUISITION_STACK = "acquisitionStack";
        /**
         * {@code witnessed} (the cycle closed over the same lock instances) or {@code class-only}; absent in
         * recordings of agents before it (read as unknown).
         */
        public static final String EVIDENCE = "evidence";
        /** The class of the lock instance held on every edge of the cycle; empty when none (or absent). */
        public static final String GATED_BY = "gatedBy";
        /**
         * Where the named lock classes' instances were first allocated, when known: one {@code class\torigin}
         * line per class ({@link #originLines}); empty when none (or absent).
         */
        public static final String LOCK_ORIGINS = "lockOrigins";

        private PotentialDeadlock() {
        }
    }

    /** The {@link PotentialDeadlock#LOCK_ORIGINS} text of these origins (class name to allocation site). */
    public static String originLines(java.util.Map<String, String> origins) {
        StringBuilder sb = new StringBuilder();
        for (java.util.Map.Entry<String, String> e : origins.entrySet()) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(e.getKey()).append('\t').append(e.getValue());
        }
        return sb.toString();
    }

    /** The origins of a {@link PotentialDeadlock#LOCK_ORIGINS} text, in its order; malformed lines are skipped. */
    public static java.util.Map<String, String> parseOriginLines(String text) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("\n")) {
            int tab = line.lastIndexOf('\t');
            if (tab > 0 && tab < line.length() - 1) {
                out.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return out;
    }

    /** {@code io.jlockdep.DependencyEdge}: an edge of a finding's cycle, or with {@code edges=on} every new edge. */
    public static final class DependencyEdge {
        public static final String NAME = PREFIX + "DependencyEdge";
        /** The finding's cycle id; empty for an edge recorded with {@code edges=on}. */
        public static final String CYCLE_ID = "cycleId";
        /** Position in the finding's cycle (int), 0 the closing edge; -1 with {@code edges=on}. */
        public static final String INDEX = "index";
        public static final String FROM = "from";
        public static final String TO = "to";
        /** {@code EN}, {@code ER}, {@code SN} or {@code SR}. */
        public static final String TYPE = "type";
        public static final String THREAD = "thread";
        public static final String STACK = "stack";
        /** {@code observed}, or the contract's {@code FILE:LINE}. */
        public static final String ORIGIN = "origin";
        /** What the program was doing (e.g. the running test); empty when unknown. */
        public static final String CONTEXT = "context";

        private DependencyEdge() {
        }
    }

    /** {@code io.jlockdep.Statistics}: the engine's counters, once per agent run at exit. */
    public static final class Statistics {
        public static final String NAME = PREFIX + "Statistics";
        public static final String CLASSES = "classes";
        public static final String EDGES = "edges";
        public static final String CHAINS = "chains";
        public static final String ACQUISITIONS = "acquisitions";
        public static final String CHAIN_HIT_RATE = "chainHitRate";
        public static final String LIMIT_HITS = "limitHits";
        public static final String FINDINGS = "findings";
        /** Distinct gated findings not reported ({@code gated=ignore}); absent in older recordings. */
        public static final String GATED = "gated";
        /**
         * Distinct findings not reported because the agent's {@code suppress=FILE} matched them; absent in older
         * recordings.
         */
        public static final String SUPPRESSED = "suppressed";
        /** Whether the run recorded every new edge (boolean; {@code edges=on}). */
        public static final String EDGES_RECORDED = "edgesRecorded";
        public static final String DROPPED = "dropped";

        private Statistics() {
        }
    }
}

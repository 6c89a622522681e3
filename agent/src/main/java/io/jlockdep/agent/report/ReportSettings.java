package io.jlockdep.agent.report;

import io.jlockdep.agent.config.LogTarget;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@link Reporter} does with findings: the log target, the JFR file, whether every new edge is
 * recorded, the graph dump, the suppression filter and the bounds of its queue. Immutable; build with
 * {@link #builder()}.
 */
public final class ReportSettings {
    /** Default {@link Builder#findingQueueCapacity(int)}. */
    public static final int DEFAULT_FINDING_QUEUE_CAPACITY = 4096;
    /** Default {@link Builder#edgeQueueCapacity(int)}. */
    public static final int DEFAULT_EDGE_QUEUE_CAPACITY = 65536;
    /** Default {@link Builder#finishTimeoutMillis(long)}. */
    public static final long DEFAULT_FINISH_TIMEOUT_MILLIS = 5000;

    private final LogTarget log;
    private final Path jfrFile;
    private final boolean edges;
    private final Path dumpFile;
    private final boolean dumpDot;
    private final FindingFilter filter;
    private final int findingQueueCapacity;
    private final int edgeQueueCapacity;
    private final long finishTimeoutMillis;

    private ReportSettings(Builder b) {
        this.log = b.log;
        this.jfrFile = b.jfrFile;
        this.edges = b.edges;
        this.dumpFile = b.dumpFile;
        this.dumpDot = b.dumpDot;
        this.filter = b.filter;
        this.findingQueueCapacity = b.findingQueueCapacity;
        this.edgeQueueCapacity = b.edgeQueueCapacity;
        this.finishTimeoutMillis = b.finishTimeoutMillis;
    }

    /** A builder with the defaults: log to stderr, no JFR file, no edges, no dump, nothing suppressed. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults (see {@link #builder()}). */
    public static ReportSettings defaults() {
        return new Builder().build();
    }

    /** Where reports are logged. */
    public LogTarget log() {
        return log;
    }

    /** The file the reporter's own JFR recording is written to at exit, or null for none. */
    public Path jfrFile() {
        return jfrFile;
    }

    /** Whether every new dependency edge is emitted as a {@code DependencyEdge} event (option {@code edges=on}). */
    public boolean edges() {
        return edges;
    }

    /** The file the learned graph is written to at exit, or null for none. */
    public Path dumpFile() {
        return dumpFile;
    }

    /** Whether the dump is Graphviz DOT (else text). */
    public boolean dumpDot() {
        return dumpDot;
    }

    /** Which findings are not reported. */
    public FindingFilter filter() {
        return filter;
    }

    /** At most this many findings and limit notices wait for the reporter thread; more are dropped and counted. */
    public int findingQueueCapacity() {
        return findingQueueCapacity;
    }

    /** At most this many new edges wait for the reporter thread; more are dropped and counted. */
    public int edgeQueueCapacity() {
        return edgeQueueCapacity;
    }

    /** How long {@link Reporter#finish} waits for the reporter thread to drain its queue. */
    public long finishTimeoutMillis() {
        return finishTimeoutMillis;
    }

    @Override
    public String toString() {
        return "log=" + log + " jfr=" + jfrFile + " edges=" + edges + " dump=" + dumpFile
                + (dumpDot ? " (dot)" : "") + " filter=" + filter;
    }

    /** Builds {@link ReportSettings}. */
    public static final class Builder {
        private LogTarget log = LogTarget.STDERR;
        private Path jfrFile;
        private boolean edges;
        private Path dumpFile;
        private boolean dumpDot;
        private FindingFilter filter = FindingFilter.NONE;
        private int findingQueueCapacity = DEFAULT_FINDING_QUEUE_CAPACITY;
        private int edgeQueueCapacity = DEFAULT_EDGE_QUEUE_CAPACITY;
        private long finishTimeoutMillis = DEFAULT_FINISH_TIMEOUT_MILLIS;

        private Builder() {
        }

        /** Where reports are logged (default {@link LogTarget#STDERR}). */
        public Builder log(LogTarget target) {
            this.log = Objects.requireNonNull(target, "log");
            return this;
        }

        /** Records the jlockdep events into {@code file} (written at exit); null for no recording of our own. */
        public Builder jfrFile(Path file) {
            this.jfrFile = file;
            return this;
        }

        /** Emits every new dependency edge as a JFR event (default off). */
        public Builder edges(boolean on) {
            this.edges = on;
            return this;
        }

        /**
         * Writes the learned graph to {@code file} at exit, as Graphviz DOT when its name ends in
         * {@code .dot} (any case), else as text; null for no dump.
         */
        public Builder dump(Path file) {
            Path name = file == null ? null : file.getFileName();
            return dump(file, name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".dot"));
        }

        /** Writes the learned graph to {@code file} at exit, as DOT if {@code dot}, else text; null for none. */
        public Builder dump(Path file, boolean dot) {
            this.dumpFile = file;
            this.dumpDot = file != null && dot;
            return this;
        }

        /** Which findings are not reported (default {@link FindingFilter#NONE}). */
        public Builder filter(FindingFilter filter) {
            this.filter = filter == null ? FindingFilter.NONE : filter;
            return this;
        }

        /** Bound of the findings queue (default 4096); at least 1. */
        public Builder findingQueueCapacity(int n) {
            this.findingQueueCapacity = positive("findingQueueCapacity", n);
            return this;
        }

        /** Bound of the new-edge queue (default 65536); at least 1. */
        public Builder edgeQueueCapacity(int n) {
            this.edgeQueueCapacity = positive("edgeQueueCapacity", n);
            return this;
        }

        /** How long {@link Reporter#finish} waits for the reporter thread (default 5000 ms); at least 1. */
        public Builder finishTimeoutMillis(long millis) {
            if (millis < 1) {
                throw new IllegalArgumentException("finishTimeoutMillis must be positive: " + millis);
            }
            this.finishTimeoutMillis = millis;
            return this;
        }

        /** The settings. */
        public ReportSettings build() {
            return new ReportSettings(this);
        }

        private static int positive(String what, int n) {
            if (n < 1) {
                throw new IllegalArgumentException(what + " must be positive: " + n);
            }
            return n;
        }
    }
}

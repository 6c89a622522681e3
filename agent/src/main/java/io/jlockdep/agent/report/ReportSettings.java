package io.jlockdep.agent.report;

import io.jlockdep.agent.config.LogTarget;
import io.jlockdep.agent.config.OutputFile;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@link Reporter} does with findings: the log target, the JFR file, whether every new edge is
 * recorded, the graph dump and the bounds of its queue. Immutable; build with {@link #builder()}. The output
 * files are kept as the user gave them ({@link OutputFile}), for the messages of their sinks' checks; a file
 * given as a bare {@link Path} is quoted as that path, from the command line.
 */
public final class ReportSettings {
    /** Default {@link Builder#findingQueueCapacity(int)}. */
    public static final int DEFAULT_FINDING_QUEUE_CAPACITY = 4096;
    /** Default {@link Builder#edgeQueueCapacity(int)}. */
    public static final int DEFAULT_EDGE_QUEUE_CAPACITY = 65536;
    /** Default {@link Builder#finishTimeoutMillis(long)}. */
    public static final long DEFAULT_FINISH_TIMEOUT_MILLIS = 5000;

    private final LogTarget log;
    private final OutputFile logFile;
    private final OutputFile jfr;
    private final boolean edges;
    private final OutputFile dump;
    private final boolean dumpDot;
    private final int findingQueueCapacity;
    private final int edgeQueueCapacity;
    private final long finishTimeoutMillis;

    private ReportSettings(Builder b) {
        this.log = b.log;
        this.logFile = b.logFile;
        this.jfr = b.jfr;
        this.edges = b.edges;
        this.dump = b.dump;
        this.dumpDot = b.dumpDot;
        this.findingQueueCapacity = b.findingQueueCapacity;
        this.edgeQueueCapacity = b.edgeQueueCapacity;
        this.finishTimeoutMillis = b.finishTimeoutMillis;
    }

    /** A builder with the defaults: log to stderr, no JFR file, no edges, no dump. */
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

    /** The log file as given when {@link #log()} is a file, else null. */
    public OutputFile logOutput() {
        return logFile;
    }

    /** The file the reporter's own JFR recording is written to at exit, or null for none. */
    public Path jfrFile() {
        return jfr == null ? null : jfr.path();
    }

    /** {@link #jfrFile()} as given, or null. */
    public OutputFile jfrOutput() {
        return jfr;
    }

    /** Whether every new dependency edge is emitted as a {@code DependencyEdge} event (option {@code edges=on}). */
    public boolean edges() {
        return edges;
    }

    /** The file the learned graph is written to at exit, or null for none. */
    public Path dumpFile() {
        return dump == null ? null : dump.path();
    }

    /** {@link #dumpFile()} as given, or null. */
    public OutputFile dumpOutput() {
        return dump;
    }

    /** Whether the dump is Graphviz DOT (else text). */
    public boolean dumpDot() {
        return dumpDot;
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
        return "log=" + log + " jfr=" + jfrFile() + " edges=" + edges + " dump=" + dumpFile()
                + (dumpDot ? " (dot)" : "");
    }

    /** Builds {@link ReportSettings}. */
    public static final class Builder {
        private LogTarget log = LogTarget.STDERR;
        private OutputFile logFile;
        private OutputFile jfr;
        private boolean edges;
        private OutputFile dump;
        private boolean dumpDot;
        private int findingQueueCapacity = DEFAULT_FINDING_QUEUE_CAPACITY;
        private int edgeQueueCapacity = DEFAULT_EDGE_QUEUE_CAPACITY;
        private long finishTimeoutMillis = DEFAULT_FINISH_TIMEOUT_MILLIS;

        private Builder() {
        }

        /** Where reports are logged (default {@link LogTarget#STDERR}). */
        public Builder log(LogTarget target) {
            this.log = Objects.requireNonNull(target, "log");
            this.logFile = target.kind() == LogTarget.Kind.FILE ? given("log", target.file()) : null;
            return this;
        }

        /** Reports appended to the file {@code file} (as the user gave it). */
        public Builder logOutput(OutputFile file) {
            this.log = LogTarget.file(file.path());
            this.logFile = file;
            return this;
        }

        /** Records the jlockdep events into {@code file} (written at exit); null for no recording of our own. */
        public Builder jfrFile(Path file) {
            return jfrOutput(given("jfr", file));
        }

        /** {@link #jfrFile(Path)} with the file as the user gave it; null for none. */
        public Builder jfrOutput(OutputFile file) {
            this.jfr = file;
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
            return dumpOutput(given("dump", file), dot);
        }

        /** {@link #dump(Path, boolean)} with the file as the user gave it; null for none. */
        public Builder dumpOutput(OutputFile file, boolean dot) {
            this.dump = file;
            this.dumpDot = file != null && dot;
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

        /** {@code file} quoted as itself, as if given on the command line; null for null. */
        private static OutputFile given(String option, Path file) {
            return file == null ? null : new OutputFile(option, file, file.toString(), "");
        }

        private static int positive(String what, int n) {
            if (n < 1) {
                throw new IllegalArgumentException(what + " must be positive: " + n);
            }
            return n;
        }
    }
}

package io.jlockdep.core;

/**
 * Immutable settings of one {@link Lockdep} engine: the same-class policy, the capacity limits and the
 * listener. Defaults are generous; every limit degrades gracefully when hit (see {@link Limit}).
 */
public final class LockdepConfig {
    final SameClassPolicy sameClass;
    final int maxDepth;
    final int maxClasses;
    final int maxEdges;
    final int maxChains;
    final int maxStackFrames;
    final int framesPerTrace;
    final int maxInstanceEdges;
    final boolean captureStacks;
    final boolean reportEdges;
    final boolean reportGated;
    final LockdepListener listener;
    final FindingFilter filter;
    final String[] skipFramePrefixes;

    private LockdepConfig(Builder b) {
        this.sameClass = b.sameClass;
        this.maxDepth = b.maxDepth;
        this.maxClasses = b.maxClasses;
        this.maxEdges = b.maxEdges;
        this.maxChains = b.maxChains;
        this.maxStackFrames = b.maxStackFrames;
        this.framesPerTrace = b.framesPerTrace;
        this.maxInstanceEdges = b.maxInstanceEdges;
        this.captureStacks = b.captureStacks;
        this.reportEdges = b.reportEdges;
        this.reportGated = b.reportGated;
        this.listener = b.listener;
        this.filter = b.filter;
        this.skipFramePrefixes = b.skipFramePrefixes.clone();
    }

    /** Which findings are suppressed (see {@link FindingFilter}). */
    public FindingFilter filter() {
        return filter;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The default configuration. */
    public static LockdepConfig defaults() {
        return new Builder().build();
    }

    /** The same-class nesting policy. */
    public SameClassPolicy sameClass() {
        return sameClass;
    }

    /** The maximum number of held entries tracked per thread. */
    public int maxDepth() {
        return maxDepth;
    }

    /** The maximum number of lock classes. */
    public int maxClasses() {
        return maxClasses;
    }

    /** The maximum number of stored dependency edges. */
    public int maxEdges() {
        return maxEdges;
    }

    /** The maximum number of cached validated chains. */
    public int maxChains() {
        return maxChains;
    }

    /** The maximum number of stack frames stored across all edge traces. */
    public int maxStackFrames() {
        return maxStackFrames;
    }

    /** The maximum number of frames kept per stack trace. */
    public int framesPerTrace() {
        return framesPerTrace;
    }

    /** The maximum number of stored instance-order edges. */
    public int maxInstanceEdges() {
        return maxInstanceEdges;
    }

    /** Whether first-seen stack traces are captured for new edges. */
    public boolean captureStacks() {
        return captureStacks;
    }

    /** Whether every new dependency edge is told to {@link LockdepListener#onEdge}. */
    public boolean reportEdges() {
        return reportEdges;
    }

    /** Whether gated findings are reported (with their gate) rather than only counted. */
    public boolean reportGated() {
        return reportGated;
    }

    /** Builds a {@link LockdepConfig}. Every limit must be positive. */
    public static final class Builder {
        private SameClassPolicy sameClass = SameClassPolicy.INSTANCE;
        private int maxDepth = 64;
        private int maxClasses = 16384;
        private int maxEdges = 262144;
        private int maxChains = 1 << 20;
        private int maxStackFrames = 1 << 21;
        private int framesPerTrace = 32;
        private int maxInstanceEdges = 65536;
        private boolean captureStacks = true;
        private boolean reportEdges;
        private boolean reportGated;
        private LockdepListener listener = new LockdepListener() { };
        private FindingFilter filter = FindingFilter.NONE;
        private String[] skipFramePrefixes = new String[0];

        private Builder() {
        }

        /** The same-class nesting policy (default {@link SameClassPolicy#INSTANCE}). */
        public Builder sameClass(SameClassPolicy policy) {
            if (policy == null) {
                throw new IllegalArgumentException("sameClass policy must not be null");
            }
            this.sameClass = policy;
            return this;
        }

        /** Held entries tracked per thread (default 64). */
        public Builder maxDepth(int n) {
            this.maxDepth = positive("maxDepth", n);
            return this;
        }

        /** Lock classes (default 16384). */
        public Builder maxClasses(int n) {
            this.maxClasses = positive("maxClasses", n);
            return this;
        }

        /** Stored dependency edges (default 262144). */
        public Builder maxEdges(int n) {
            this.maxEdges = positive("maxEdges", n);
            return this;
        }

        /** Cached validated chains (default 2^20). */
        public Builder maxChains(int n) {
            this.maxChains = positive("maxChains", n);
            return this;
        }

        /** Stack frames stored across all traces (default 2^21). */
        public Builder maxStackFrames(int n) {
            this.maxStackFrames = positive("maxStackFrames", n);
            return this;
        }

        /** Frames kept per trace (default 32). */
        public Builder framesPerTrace(int n) {
            this.framesPerTrace = positive("framesPerTrace", n);
            return this;
        }

        /** Stored instance-order edges (default 65536). */
        public Builder maxInstanceEdges(int n) {
            this.maxInstanceEdges = positive("maxInstanceEdges", n);
            return this;
        }

        /** Whether to capture first-seen stack traces (default true). */
        public Builder captureStacks(boolean on) {
            this.captureStacks = on;
            return this;
        }

        /**
         * Whether every new observed dependency edge (not primed ones, not instance-order ones) is told to
         * {@link LockdepListener#onEdge} (default false), e.g. to record the graph for a cross-JVM merge.
         */
        public Builder reportEdges(boolean on) {
            this.reportEdges = on;
            return this;
        }

        /**
         * Whether a cycle whose every edge was taken while one lock instance was held exclusively (a
         * <em>gated</em> cycle: its orders never run concurrently) is reported, showing its gate (true), or
         * only counted in {@link Statistics#gated()} (false, the default). See {@code docs/engine.md}.
         */
        public Builder reportGated(boolean on) {
            this.reportGated = on;
            return this;
        }

        /** Who hears about findings and limits (default: nobody). */
        public Builder listener(LockdepListener l) {
            if (l == null) {
                throw new IllegalArgumentException("listener must not be null");
            }
            this.listener = l;
            return this;
        }

        /** Which findings are accepted and only counted, never recorded nor told (default: none). */
        public Builder filter(FindingFilter f) {
            if (f == null) {
                throw new IllegalArgumentException("filter must not be null");
            }
            this.filter = f;
            return this;
        }

        /**
         * Class-name prefixes of frames to drop from the top of captured stacks (e.g. the agent's hook
         * classes), so traces start at the code that takes the lock.
         */
        public Builder skipFramePrefixes(String... prefixes) {
            this.skipFramePrefixes = prefixes.clone();
            return this;
        }

        /** The configuration. */
        public LockdepConfig build() {
            return new LockdepConfig(this);
        }

        private static int positive(String name, int n) {
            if (n <= 0) {
                throw new IllegalArgumentException(name + " must be positive, got " + n);
            }
            return n;
        }
    }
}

package io.jlockdep.core;

/**
 * Counters of one engine at one moment. Acquisition and chain-hit counts are kept per thread and summed
 * here without stopping anyone, so other threads' very latest acquisitions may not show yet.
 */
public final class Statistics {
    private final int classes;
    private final int edges;
    private final int chains;
    private final long acquisitions;
    private final long chainHits;
    private final long chainMisses;
    private final long[] detections;
    private final long findings;
    private final long suppressed;
    private final long gated;
    private final long[] limitHits;
    private final long internalErrors;

    Statistics(int classes, int edges, int chains, long acquisitions, long chainHits, long chainMisses,
               long[] detections, long findings, long suppressed, long gated, long[] limitHits,
               long internalErrors) {
        this.classes = classes;
        this.edges = edges;
        this.chains = chains;
        this.acquisitions = acquisitions;
        this.chainHits = chainHits;
        this.chainMisses = chainMisses;
        this.detections = detections;
        this.findings = findings;
        this.suppressed = suppressed;
        this.gated = gated;
        this.limitHits = limitHits;
        this.internalErrors = internalErrors;
    }

    /** Lock classes created. */
    public int classes() {
        return classes;
    }

    /** Dependency edges stored. */
    public int edges() {
        return edges;
    }

    /** Validated chains cached. */
    public int chains() {
        return chains;
    }

    /** Acquisitions seen (blocking, trylock and probes; reentrant ones included). */
    public long acquisitions() {
        return acquisitions;
    }

    /** Validations answered by the chain cache. */
    public long chainHits() {
        return chainHits;
    }

    /** Validations that took the slow path. */
    public long chainMisses() {
        return chainMisses;
    }

    /** The share of validations answered by the chain cache, 0..1. */
    public double chainHitRate() {
        long total = chainHits + chainMisses;
        return total == 0 ? 0 : (double) chainHits / total;
    }

    /** Every detection of this kind, including repeats of an already reported cycle id. */
    public long detections(FindingKind kind) {
        return detections[kind.ordinal()];
    }

    /** Distinct findings reported. */
    public long findings() {
        return findings;
    }

    /** Distinct findings the configured {@link FindingFilter} suppressed (not counted in {@link #findings()}). */
    public long suppressed() {
        return suppressed;
    }

    /**
     * Distinct findings held back because one lock instance, held exclusively, gates every edge of their cycle
     * (not counted in {@link #findings()}; {@link LockdepConfig.Builder#reportGated} reports them instead).
     * One whose gate is lost later is reported then and leaves this count.
     */
    public long gated() {
        return gated;
    }

    /** How often this limit was hit. */
    public long limitHits(Limit limit) {
        return limitHits[limit.ordinal()];
    }

    /**
     * Failures inside the engine that were swallowed so the host program never sees them. Should be 0;
     * {@link Lockdep#firstInternalError()} shows the first.
     */
    public long internalErrors() {
        return internalErrors;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("classes=").append(classes).append(" edges=").append(edges).append(" chains=").append(chains)
                .append(" acquisitions=").append(acquisitions).append(" chainHits=").append(chainHits)
                .append(" chainMisses=").append(chainMisses).append(" findings=").append(findings);
        if (suppressed > 0) {
            sb.append(" suppressed=").append(suppressed);
        }
        if (gated > 0) {
            sb.append(" gated=").append(gated);
        }
        for (Limit l : Limit.values()) {
            if (limitHits[l.ordinal()] > 0) {
                sb.append(" limit.").append(l.name().toLowerCase(java.util.Locale.ROOT)).append('=')
                        .append(limitHits[l.ordinal()]);
            }
        }
        if (internalErrors > 0) {
            sb.append(" internalErrors=").append(internalErrors);
        }
        return sb.toString();
    }
}

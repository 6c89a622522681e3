package io.jlockdep.agent.report;

import io.jlockdep.cli.EventSchema;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Percentage;
import jdk.jfr.StackTrace;

/** JFR event {@value #NAME}: the engine's counters, committed once at exit. */
@Name(EventSchema.Statistics.NAME)
@Label("Lockdep Statistics")
@Category("jlockdep")
@Description("jlockdep engine counters at exit")
@StackTrace(false)
public final class StatisticsEvent extends Event {
    /** The event type name. */
    public static final String NAME = EventSchema.Statistics.NAME;

    @Name(EventSchema.Statistics.CLASSES)
    @Label("Classes")
    @Description("Lock classes created")
    int classes;

    @Name(EventSchema.Statistics.EDGES)
    @Label("Edges")
    @Description("Dependency edges stored")
    int edges;

    @Name(EventSchema.Statistics.CHAINS)
    @Label("Chains")
    @Description("Validated lock chains cached")
    int chains;

    @Name(EventSchema.Statistics.ACQUISITIONS)
    @Label("Acquisitions")
    @Description("Acquisitions seen (blocking, trylock and probes; reentrant ones included)")
    long acquisitions;

    @Name(EventSchema.Statistics.CHAIN_HIT_RATE)
    @Label("Chain Hit Rate")
    @Description("Share of validations answered by the chain cache")
    @Percentage
    double chainHitRate;

    @Name(EventSchema.Statistics.LIMIT_HITS)
    @Label("Limit Hits")
    @Description("How often any engine limit was hit, summed over all limits")
    long limitHits;

    @Name(EventSchema.Statistics.FINDINGS)
    @Label("Findings")
    @Description("Distinct findings the engine made (suppressed and dropped ones included)")
    long findings;

    @Name(EventSchema.Statistics.GATED)
    @Label("Gated")
    @Description("Distinct findings not reported because one lock instance was held on every edge of their cycle (gated=ignore)")
    long gated;

    @Name(EventSchema.Statistics.SUPPRESSED)
    @Label("Suppressed")
    @Description("Distinct findings not reported because the suppress option (suppress=FILE) matched them")
    long suppressed;

    @Name(EventSchema.Statistics.EDGES_RECORDED)
    @Label("Edges Recorded")
    @Description("Whether this run recorded every new dependency edge as a DependencyEdge event (edges=on)")
    boolean edgesRecorded;

    @Name(EventSchema.Statistics.DROPPED)
    @Label("Dropped")
    @Description("Findings, edges and notices the reporter dropped because its queue was full or it had finished")
    long dropped;

    /** An empty event; the reporter fills it in. */
    public StatisticsEvent() {
    }
}

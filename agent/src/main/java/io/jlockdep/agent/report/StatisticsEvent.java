package io.jlockdep.agent.report;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Percentage;
import jdk.jfr.StackTrace;

/** JFR event {@value #NAME}: the engine's counters, committed once at exit. */
@Name(StatisticsEvent.NAME)
@Label("Lockdep Statistics")
@Category("jlockdep")
@Description("jlockdep engine counters at exit")
@StackTrace(false)
public final class StatisticsEvent extends Event {
    /** The event type name. */
    public static final String NAME = "io.jlockdep.Statistics";

    @Label("Classes")
    @Description("Lock classes created")
    int classes;

    @Label("Edges")
    @Description("Dependency edges stored")
    int edges;

    @Label("Chains")
    @Description("Validated lock chains cached")
    int chains;

    @Label("Acquisitions")
    @Description("Acquisitions seen (blocking, trylock and probes; reentrant ones included)")
    long acquisitions;

    @Label("Chain Hit Rate")
    @Description("Share of validations answered by the chain cache")
    @Percentage
    double chainHitRate;

    @Label("Limit Hits")
    @Description("How often any engine limit was hit, summed over all limits")
    long limitHits;

    @Label("Findings")
    @Description("Distinct findings the engine made (suppressed and dropped ones included)")
    long findings;

    @Label("Edges Recorded")
    @Description("Whether this run recorded every new dependency edge as a DependencyEdge event (edges=on)")
    boolean edgesRecorded;

    @Label("Dropped")
    @Description("Findings, edges and notices the reporter dropped because its queue was full or it had finished")
    long dropped;

    /** An empty event; the reporter fills it in. */
    public StatisticsEvent() {
    }
}

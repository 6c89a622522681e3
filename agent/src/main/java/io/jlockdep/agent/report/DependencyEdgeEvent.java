package io.jlockdep.agent.report;

import io.jlockdep.cli.EventSchema;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@value #NAME}: one edge of the lock-class dependency graph, {@code from} held while
 * {@code to} was acquired. Two uses:
 * <ul>
 * <li>an edge of a finding's cycle: {@code cycleId} is the finding's id and {@code index} its position
 *     in the cycle, 0 to length-1 (0 is the edge the reporting acquisition closed);</li>
 * <li>with {@code edges=on}, every new observed edge: {@code cycleId} is empty and {@code index} is -1.</li>
 * </ul>
 */
@Name(EventSchema.DependencyEdge.NAME)
@Label("Dependency Edge")
@Category("jlockdep")
@Description("A lock order seen by jlockdep: 'from' was held while 'to' was acquired")
@StackTrace(false)
public final class DependencyEdgeEvent extends Event {
    /** The event type name. */
    public static final String NAME = EventSchema.DependencyEdge.NAME;

    /** The {@code index} of an edge emitted because {@code edges=on}, not as part of a finding. */
    public static final int NO_INDEX = -1;

    @Name(EventSchema.DependencyEdge.CYCLE_ID)
    @Label("Cycle Id")
    @Description("Id of the finding whose cycle this edge belongs to; empty for an edge recorded with edges=on")
    String cycleId;

    @Name(EventSchema.DependencyEdge.INDEX)
    @Label("Index")
    @Description("Position in the finding's cycle, 0..length-1 (0 is the closing edge); -1 with edges=on")
    int index;

    @Name(EventSchema.DependencyEdge.FROM)
    @Label("From")
    @Description("The lock class held")
    String from;

    @Name(EventSchema.DependencyEdge.TO)
    @Label("To")
    @Description("The lock class acquired while 'from' was held")
    String to;

    @Name(EventSchema.DependencyEdge.TYPE)
    @Label("Type")
    @Description("Lockdep edge type: EN, ER, SN or SR")
    String type;

    @Name(EventSchema.DependencyEdge.THREAD)
    @Label("Thread")
    @Description("Name of the thread that first took this order")
    String thread;

    @Name(EventSchema.DependencyEdge.STACK)
    @Label("Stack")
    @Description("Stack of the first acquisition in this order, one frame per line (\\tat frame), innermost first")
    String stack;

    @Name(EventSchema.DependencyEdge.ORIGIN)
    @Label("Origin")
    @Description("'observed' for an order seen at run time, FILE:LINE for one declared in a contract")
    String origin;

    @Name(EventSchema.DependencyEdge.CONTEXT)
    @Label("Context")
    @Description("What the program was doing when the order was first taken (e.g. the running test); empty if unknown")
    String context;

    /** An empty event; the reporter fills it in. */
    public DependencyEdgeEvent() {
    }
}

package io.jlockdep.agent.report;

import io.jlockdep.cli.EventSchema;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@value #NAME}: one per distinct finding that was not suppressed. Committed on the thread whose
 * acquisition closed the cycle, inside that acquisition, so its JFR stack trace is the acquisition's: the
 * agent's own frames (hook, engine, reporter, {@code io.jlockdep.*}) on top, then the lock method and the
 * program's frames. Only a finding made before the JFR sink started (JFR's start-up runs on the reporter
 * thread, a moment after the agent starts) is committed later by the reporter thread, and then carries that
 * thread's stack (event thread {@code jlockdep-reporter}). The acquisition's stack is always in
 * {@code acquisitionStack} as text (without the agent's frames).
 * The cycle's edges follow as {@link DependencyEdgeEvent}s with the same {@code cycleId}.
 */
@Name(EventSchema.PotentialDeadlock.NAME)
@Label("Potential Deadlock")
@Category("jlockdep")
@Description("A lock-order cycle (or other lock misuse) that can deadlock, found by jlockdep")
@StackTrace(true)
public final class PotentialDeadlockEvent extends Event {
    /** The event type name. */
    public static final String NAME = EventSchema.PotentialDeadlock.NAME;

    @Name(EventSchema.PotentialDeadlock.CYCLE_ID)
    @Label("Cycle Id")
    @Description("Stable id of the cycle (16 hex digits), equal across runs and JVMs")
    String cycleId;

    @Name(EventSchema.PotentialDeadlock.KIND)
    @Label("Kind")
    @Description("What was found: circular, recursive, rw-upgrade, instance-inversion, nest-lock-not-held, unbalanced")
    String kind;

    @Name(EventSchema.PotentialDeadlock.LOCK_CLASSES)
    @Label("Lock Classes")
    @Description("The cycle as lock classes, e.g. A -> B -> A")
    String lockClasses;

    @Name(EventSchema.PotentialDeadlock.LENGTH)
    @Label("Length")
    @Description("Number of edges in the cycle")
    int length;

    /** Exactly {@code Finding.render()}: the lockdep layout, lines ending in a newline. */
    @Name(EventSchema.PotentialDeadlock.REPORT)
    @Label("Report")
    @Description("The full human-readable report, in the lockdep layout")
    String report;

    @Name(EventSchema.PotentialDeadlock.THREAD)
    @Label("Thread")
    @Description("Name of the thread whose acquisition closed the cycle")
    String thread;

    @Name(EventSchema.PotentialDeadlock.ACQUISITION_STACK)
    @Label("Acquisition Stack")
    @Description("Stack of the acquisition that closed the cycle, one frame per line (\\tat frame), innermost first")
    String acquisitionStack;

    @Name(EventSchema.PotentialDeadlock.EVIDENCE)
    @Label("Evidence")
    @Description("witnessed: the cycle closed over the same lock instances; class-only: over their classes only")
    String evidence;

    @Name(EventSchema.PotentialDeadlock.GATED_BY)
    @Label("Gated By")
    @Description("Class of the lock instance held exclusively on every edge of the cycle (reported with gated=report); empty when none")
    String gatedBy;

    @Name(EventSchema.PotentialDeadlock.LOCK_ORIGINS)
    @Label("Lock Origins")
    @Description("Where the named lock classes' instances were first allocated, one 'class<TAB>origin' line per known class")
    String lockOrigins;

    /** An empty event; the reporter fills it in. */
    public PotentialDeadlockEvent() {
    }
}

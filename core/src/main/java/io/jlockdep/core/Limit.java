package io.jlockdep.core;

/**
 * The engine's configurable capacity limits. Hitting one is counted and told once; the engine then
 * degrades in that dimension only and never throws into the caller.
 */
public enum Limit {
    /** Held entries per thread: deeper acquisitions are not tracked (their releases match silently). */
    DEPTH,
    /** Lock classes: further classes are held but never ordered. */
    CLASSES,
    /** Dependency edges: further edges are still checked for cycles but not stored. */
    EDGES,
    /** Validated chains: further chains are validated on every acquisition instead of cached. */
    CHAINS,
    /** Stack frames stored across all edge traces: further edges are stored without a trace. */
    STACK_FRAMES,
    /** Instance-order edges (same-class policy {@code instance}): further instance edges are not stored. */
    INSTANCE_EDGES
}

package io.jlockdep.fence;

/**
 * What the creator of a fence (a driver, a timeline) can plug into it. Every method has a default, so an
 * implementation overrides only what it needs; {@link #DEFAULT} overrides nothing.
 */
public interface FenceOps {
    /** Ops that override nothing: a purely software-signalled fence. */
    FenceOps DEFAULT = new FenceOps() {
    };

    /** The name of the driver that created the fence, for diagnostics. */
    default String driverName() {
        return "software";
    }

    /** The name of the fence's timeline, for diagnostics. */
    default String timelineName(Fence fence) {
        return "context " + fence.context();
    }

    /**
     * Called once, under the fence's lock, when the first waiter or callback appears (or on
     * {@link Fence#enableSignaling()}): from now on someone needs {@link Fence#signal()} to be called, so
     * arm whatever will call it (an interrupt, a completion worker). Must not block or signal the fence.
     *
     * @return false if the fence has completed already and should be signalled right away; true otherwise
     */
    default boolean enableSignaling(Fence fence) {
        return true;
    }

    /**
     * An optional poll, called without the fence's lock by {@link Fence#isSignaled()} and before a wait
     * blocks: whether the work the fence stands for is done although it has not been signalled yet. A
     * true answer makes the caller signal the fence. Must not block.
     */
    default boolean isSignaled(Fence fence) {
        return false;
    }
}

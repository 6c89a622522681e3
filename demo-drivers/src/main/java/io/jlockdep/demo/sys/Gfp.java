package io.jlockdep.demo.sys;

/** Allocation flags, as in the kernel: may an allocation block and enter memory reclaim to succeed? */
public enum Gfp {
    /** May sleep and enter reclaim (run the shrinkers). Not allowed where reclaim could wait for us. */
    KERNEL(true),
    /** Never enters reclaim (atomic context, or a path that reclaim may wait for: fence signalling). */
    ATOMIC(false);

    private final boolean mayReclaim;

    Gfp(boolean mayReclaim) {
        this.mayReclaim = mayReclaim;
    }

    /** Whether an allocation with these flags may enter reclaim. */
    public boolean mayReclaim() {
        return mayReclaim;
    }
}

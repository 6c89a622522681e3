package io.jlockdep.demo.gpu;

/** How a job uses a buffer: reads it or writes it (which decides the implicit synchronisation). */
public record BoUse(Bo bo, boolean write) {
    /** The job reads {@code bo}: it waits for the writers before it. */
    public static BoUse read(Bo bo) {
        return new BoUse(bo, false);
    }

    /** The job writes {@code bo}: it waits for every reader and writer before it. */
    public static BoUse write(Bo bo) {
        return new BoUse(bo, true);
    }
}

package io.jlockdep.demo.scenario;

import io.jlockdep.demo.sys.Machine;
import io.jlockdep.demo.sys.Mistake;

/** What the small scenarios share. */
final class Setup {
    /** Memory of a small scenario's machine: plenty, so that kswapd never runs unless asked. */
    static final long PAGES = 16_384;

    private Setup() {
    }

    /** A machine whose drivers are built with {@code mistake} if {@code withMistake}, correct otherwise. */
    static Machine machine(boolean withMistake, Mistake mistake) {
        return withMistake ? new Machine(PAGES, mistake) : new Machine(PAGES);
    }
}

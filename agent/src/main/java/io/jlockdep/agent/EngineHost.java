package io.jlockdep.agent;

import io.jlockdep.agent.report.Reporter;
import io.jlockdep.core.GraphSnapshot;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.Statistics;

/** The engine as the reporter sees it: its thread ignored, the final statistics and graph. */
public final class EngineHost implements Reporter.Host {
    private final Lockdep engine;

    public EngineHost(Lockdep engine) {
        this.engine = engine;
    }

    @Override
    public void ignoreCurrentThread() {
        engine.ignoreCurrentThread();
    }

    @Override
    public Statistics statistics() {
        return engine.statistics();
    }

    @Override
    public GraphSnapshot snapshot() {
        return engine.snapshot();
    }
}

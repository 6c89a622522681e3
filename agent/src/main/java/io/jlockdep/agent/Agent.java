package io.jlockdep.agent;

import io.jlockdep.agent.config.AgentOptions;
import io.jlockdep.agent.config.ClassGlobSet;
import io.jlockdep.agent.config.MethodPattern;
import io.jlockdep.agent.config.OnCycle;
import io.jlockdep.agent.config.OptionException;
import io.jlockdep.agent.config.OutputFile;
import io.jlockdep.agent.config.Suppressions;
import io.jlockdep.agent.instrument.Installer;
import io.jlockdep.agent.instrument.Scope;
import io.jlockdep.agent.instrument.StartupCache;
import io.jlockdep.agent.report.OutputFileException;
import io.jlockdep.agent.report.ReportSettings;
import io.jlockdep.agent.report.Reporter;
import io.jlockdep.bootstrap.EngineHolder;
import io.jlockdep.bootstrap.EventHooks;
import io.jlockdep.bootstrap.ExitHooks;
import io.jlockdep.bootstrap.ShutdownAction;
import io.jlockdep.core.Contract;
import io.jlockdep.core.ContractException;
import io.jlockdep.core.Finding;
import io.jlockdep.core.FindingFilter;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.LockdepConfig;
import io.jlockdep.fence.FenceLockdep;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.List;

/**
 * Starts the agent (called reflectively by the launcher once the engine is on the bootstrap class path):
 * options, the output files' check, suppressions and contract, engine, reporting, priming,
 * instrumentation, then a self-test that the JDK's locks really are instrumented. Any problem the user can
 * fix ends the JVM with one line on stderr and exit status 2.
 */
public final class Agent {
    private Agent() {
    }

    /**
     * Installs the agent with the {@code -javaagent} argument string.
     *
     * @param atLaunch whether this runs in {@code premain}: the calling thread is then the one that runs
     *                 {@code main}, whose uncaught exception decides the launcher's exit status
     */
    public static void install(String args, Instrumentation inst, boolean atLaunch) {
        AgentOptions options;
        Suppressions suppressions;
        Contract contract = null;
        try {
            options = AgentOptions.parse(args);
        } catch (OptionException e) {
            die(e.getMessage());
            return;
        }
        // Each output checks its own file, now, before anything runs: a mistake stops the JVM at once.
        Reporter reporter = new Reporter(reportSettings(options));
        try {
            reporter.check();
        } catch (OutputFileException e) {
            die(e.getMessage());
            return;
        }
        try {
            suppressions = options.loadSuppressions();
        } catch (OptionException e) {
            die(e.getMessage());
            return;
        }
        if (options.contractFile() != null) {
            try {
                contract = Contract.parse(options.contractFile());
            } catch (ContractException e) {
                die(e.getMessage());
                return;
            } catch (IOException e) {
                die("cannot read contract file '" + options.contractFile() + "': " + e.getMessage());
                return;
            }
        }

        Suppressed filter = new Suppressed(suppressions);
        LockdepConfig config = options.configure(LockdepConfig.builder())
                .listener(reporter)
                .filter(filter)
                // Captured stacks start at the program's frame (or the fence core's), not at the hook, the
                // fence mapping, the JDK lock method or the JDK's synchronizer, future or join.
                .skipFramePrefixes("io.jlockdep.bootstrap.", "java.util.concurrent.locks.",
                        "java.util.concurrent.CountDownLatch", "java.util.concurrent.Semaphore",
                        "java.util.concurrent.CyclicBarrier", "java.util.concurrent.Phaser",
                        "java.util.concurrent.CompletableFuture", "java.util.concurrent.FutureTask",
                        "java.util.concurrent.ThreadPoolExecutor", "java.util.concurrent.AbstractExecutorService",
                        "java.util.concurrent.ArrayBlockingQueue", "java.util.concurrent.LinkedBlocking",
                        "java.util.concurrent.PriorityBlockingQueue", "java.util.concurrent.DelayQueue",
                        "java.util.concurrent.SynchronousQueue", "java.util.concurrent.LinkedTransferQueue",
                        "java.lang.Thread",
                        "io.jlockdep.fence.LockdepPoints", "io.jlockdep.fence.FenceLockdep")
                .build();
        Lockdep engine = new Lockdep(config);
        FenceLockdep fence = new FenceLockdep(engine);
        EngineHolder.install(engine, fence, options.onCycle() == OnCycle.THROW,
                new Finish(reporter, engine, options));
        if (atLaunch) {
            ExitHooks.mainThreadIs(Thread.currentThread());
        }
        Installer installer = new Installer();
        boolean debug = System.getProperty("jlockdep.debug") != null;
        // The start-up runs on the thread that then runs main: the locks the transformation and the JDK code it
        // calls take while installing (classes already instrumented by then) are not the program's. The self-test
        // must be tracked, so it comes after.
        engine.enterOwnWork();
        try {
            reporter.start(new EngineHost(engine));
            fence.prime();
            if (contract != null) {
                engine.prime(contract);
            }
            Warmup.run();

            long t0 = System.nanoTime();
            EventHooks.configure(options.events(), options.timedWaits());
            // What the transformation's output depends on besides the class files and this jar.
            String transformation = "include=" + options.include() + " exclude=" + options.exclude() + " waits="
                    + options.waits() + " sections=" + options.sections() + " events=" + options.events();
            installer.install(inst, scope(options), methods(options.waits()), methods(options.sections()),
                    options.events(), StartupCache.open(options.startupCacheDir(), transformation,
                            debug));
            if (debug) {
                System.err.println("jlockdep: installed in " + (System.nanoTime() - t0) / 1000000 + " ms");
            }
        } finally {
            engine.leaveOwnWork();
        }
        String failure = SelfTest.run(engine, scope(options));
        if (debug) {
            System.err.println("jlockdep: transformation errors: " + installer.errors() + ", first: "
                    + installer.firstError());
        }
        if (failure != null) {
            die("instrumentation self-test failed: " + failure
                    + (installer.firstError() != null ? " (first transformation error: " + installer.firstError() + ")" : ""));
        }
    }

    private static ReportSettings reportSettings(AgentOptions options) {
        ReportSettings.Builder b = ReportSettings.builder()
                .jfrOutput(options.jfrOutput())
                .edges(options.edges())
                .dumpOutput(options.dumpOutput(), options.dumpDot());
        OutputFile logFile = options.logOutput();
        return (logFile != null ? b.logOutput(logFile) : b.log(options.logTarget())).build();
    }

    private static Scope scope(AgentOptions options) {
        return new Scope(filter(options.include()), filter(options.exclude()));
    }

    private static Scope.NameFilter filter(final ClassGlobSet globs) {
        if (globs == null || globs.isEmpty()) {
            return null;
        }
        return new Scope.NameFilter() {
            @Override
            public boolean matches(String className) {
                return globs.matches(className);
            }
        };
    }

    private static Installer.MethodFilter methods(final List<MethodPattern> patterns) {
        return new Installer.MethodFilter() {
            @Override
            public boolean matches(String className, String methodName) {
                return !patterns.isEmpty() && MethodPattern.anyMatches(patterns, className, methodName);
            }

            @Override
            public boolean matchesClass(String className) {
                return !patterns.isEmpty() && MethodPattern.anyMatchesClass(patterns, className);
            }
        };
    }

    private static void die(String message) {
        System.err.println("jlockdep: " + message);
        System.err.flush();
        Runtime.getRuntime().halt(2);
    }

    /** The suppression file ({@code Suppressions.suppresses}), as the engine and the hooks ask it. */
    private static final class Suppressed implements FindingFilter {
        private final Suppressions suppressions;

        Suppressed(Suppressions suppressions) {
            this.suppressions = suppressions;
        }

        @Override
        public boolean suppressed(Finding finding) {
            return suppressions.suppresses(finding);
        }
    }

    /** The agent's part of JVM exit. */
    private static final class Finish implements ShutdownAction {
        private final Reporter reporter;
        private final Lockdep engine;
        private final AgentOptions options;

        Finish(Reporter reporter, Lockdep engine, AgentOptions options) {
            this.reporter = reporter;
            this.engine = engine;
            this.options = options;
        }

        @Override
        public int finish(int status) {
            // On the exiting thread, which may hold the program's locks: the agent's own work. Every exiting
            // thread comes here; the reporter finishes once and makes the others wait, so that none of them
            // halts the JVM while the files are being written; each then gets its status mapped alike.
            engine.enterOwnWork();
            try {
                reporter.finish(new EngineHost(engine));
            } finally {
                engine.leaveOwnWork();
            }
            if (options.onCycle() != OnCycle.EXIT || reporter.reportedCount() == 0) {
                return status;
            }
            // Keep the program's own failure status; replace success (or "main returned") with exitCode.
            return status == 0 || status == -1 ? options.exitCode() : status;
        }
    }
}

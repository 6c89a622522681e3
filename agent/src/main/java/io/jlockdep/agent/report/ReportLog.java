package io.jlockdep.agent.report;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import io.jlockdep.agent.config.LogTarget;
import io.jlockdep.agent.config.OutputFile;
import io.jlockdep.bootstrap.TestReports;
import io.jlockdep.core.CycleEdge;
import io.jlockdep.core.Finding;
import io.jlockdep.core.HumanText;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The log sink: a private Logback {@link LoggerContext} built in code (no configuration file is ever looked
 * for, no {@code LoggerFactory}), pattern {@code %msg%n}, one appender to stderr or to a file (appended to).
 * It shares nothing with the application's logging. It writes each finding's report (lockdep layout) and
 * every line the reporter sends (limit notices, other sinks' problems, the exit summary). A log file that
 * cannot be opened falls back to stderr with one line saying so; a log that cannot be set up at all leaves
 * one line on stderr and reports go to JFR only.
 *
 * <p>While a test framework reports findings as test failures ({@link TestReports}, set by the JUnit
 * extension), the failure carries the report: the log then gives each finding one line, and at exit the full
 * report of each one that no test reported (found after the last test class), so every report is shown once.
 */
final class ReportLog implements ReportSink {
    private static final String PATTERN = "%msg%n";

    private final LogTarget target;
    private final OutputFile file;
    private volatile LoggerContext context;
    private volatile Logger logger;
    /**
     * Logging to stderr, not opened yet: Logback (some 200 classes) is set up by the first line to log, so a
     * program with nothing to report never pays for it.
     */
    private volatile boolean openOnFirstLine;
    /** Reporter thread only: the reports logged as one line, by cycle id, until a test reports them. */
    private final Map<String, String> heldForTests = new LinkedHashMap<>();

    ReportLog(ReportSettings settings) {
        this.target = settings.log();
        this.file = settings.logOutput();
    }

    @Override
    public void check() {
        OutputFileCheck.writable(file);
    }

    @Override
    public void startup(Lines lines) {
        if (target.kind() == LogTarget.Kind.OFF) {
            return;
        }
        if (target.kind() != LogTarget.Kind.FILE) {
            openOnFirstLine = true; // nothing to check: stderr is there
            return;
        }
        // A log file is opened now, so that a file that cannot be opened is told at start.
        openOrTell(lines);
    }

    /** Opens the log; a problem is told on stderr or as a line (then the log is stderr). */
    private void openOrTell(Lines lines) {
        String problem;
        try {
            problem = open();
        } catch (Throwable t) {
            System.err.println("jlockdep: cannot set up the log (" + HumanText.escape(String.valueOf(t))
                    + "); reports go to JFR only");
            return;
        }
        if (problem != null) {
            lines.line("jlockdep: " + problem);
        }
    }

    /** Builds the context; returns the problem met opening the file (then it logs to stderr), or null. */
    private String open() {
        LoggerContext c = new LoggerContext();
        c.setName("jlockdep");
        c.setMDCAdapter(new LogbackMDCAdapter());
        String problem = null;
        OutputStreamAppender<ILoggingEvent> appender = null;
        if (target.kind() == LogTarget.Kind.FILE) {
            FileAppender<ILoggingEvent> fileAppender = new FileAppender<ILoggingEvent>();
            fileAppender.setContext(c);
            fileAppender.setName("jlockdep-file");
            fileAppender.setFile(target.file().toString());
            fileAppender.setAppend(true);
            fileAppender.setEncoder(encoder(c, true));
            fileAppender.start();
            if (fileAppender.isStarted()) {
                appender = fileAppender;
            } else {
                problem = "cannot open log file " + target.file() + lastError(c) + "; logging to stderr";
            }
        }
        if (appender == null) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<ILoggingEvent>();
            console.setContext(c);
            console.setName("jlockdep-stderr");
            console.setTarget("System.err");
            console.setEncoder(encoder(c, false));
            console.start();
            appender = console;
        }
        ch.qos.logback.classic.Logger l = c.getLogger("jlockdep");
        l.setAdditive(false);
        l.setLevel(Level.INFO);
        l.addAppender(appender);
        c.start();
        context = c;
        logger = l;
        return problem;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, boolean utf8) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        if (utf8) {
            encoder.setCharset(StandardCharsets.UTF_8);
        }
        encoder.start();
        return encoder;
    }

    private static String lastError(LoggerContext context) {
        List<Status> statuses = context.getStatusManager().getCopyOfStatusList();
        for (int i = statuses.size() - 1; i >= 0; i--) {
            Status s = statuses.get(i);
            if (s.getLevel() == Status.ERROR) {
                Throwable t = s.getThrowable();
                String why = t != null && t.getMessage() != null ? t.getMessage() : s.getMessage();
                return " (" + why + ")";
            }
        }
        return "";
    }

    @Override
    public void finding(Finding finding, String report) {
        // The pattern adds the line end. The engine escaped the names in the report; what else could drive the
        // terminal (a report made by another engine version) is escaped here, keeping the report's lines.
        String text = HumanText.escapeKeepingLines(report);
        if (TestReports.active()) {
            heldForTests.put(finding.cycleId(), text);
            log("jlockdep: potential deadlock " + HumanText.escape(finding.kind().id() + " "
                    + finding.lockClasses()) + " (cycle id " + finding.cycleId()
                    + "): the test during which it appeared reports it");
            return;
        }
        logReport(text);
    }

    private void logReport(String text) {
        log(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
    }

    @Override
    public void edge(CycleEdge edge) {
        // edges go to JFR only
    }

    @Override
    public void line(String line) {
        // Every line is one line (a notice, a problem naming a file or an exception, the exit summary).
        log(HumanText.escape(line));
    }

    /** Logs one message (possibly several lines; no placeholders are interpreted); nothing when closed. */
    private void log(String message) {
        Logger l = logger;
        if (l == null && openOnFirstLine) {
            synchronized (this) { // the reporter thread, or at exit the thread that took over from it
                if (logger == null && openOnFirstLine) {
                    openOnFirstLine = false;
                    openOrTell(new Lines() {
                        @Override
                        public void line(String problem) {
                            System.err.println(problem);
                        }
                    });
                }
            }
            l = logger;
        }
        if (l != null) {
            try {
                l.info(message);
            } catch (Throwable ignored) {
                // nothing else to tell
            }
        }
    }

    /**
     * Logs the full report of each finding held for the tests that no test reported, then flushes and closes
     * the appender; later lines write nothing.
     */
    @Override
    public void shutdown(Exit exit, Lines lines) {
        for (Map.Entry<String, String> held : heldForTests.entrySet()) {
            if (!TestReports.claimed(held.getKey())) {
                log("jlockdep: no test reported cycle id " + held.getKey() + " (found after the last test"
                        + " class ended):");
                logReport(held.getValue());
            }
        }
        heldForTests.clear();
        synchronized (this) {
            openOnFirstLine = false; // later lines write nothing, as after a close
        }
        LoggerContext c = context;
        if (c != null) {
            logger = null;
            context = null;
            try {
                c.stop();
            } catch (Throwable ignored) {
                // nothing else to do
            }
        }
    }
}

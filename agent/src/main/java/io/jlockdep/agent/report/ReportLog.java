package io.jlockdep.agent.report;

import io.jlockdep.agent.config.LogTarget;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;

/**
 * The reporter's private log: a Logback {@link LoggerContext} built in code (no configuration file is
 * ever looked for, no {@code LoggerFactory}), pattern {@code %msg%n}, one appender. It shares nothing
 * with the application's logging. Used on the reporter thread only (or by {@code finish} when that
 * thread never ran).
 */
final class ReportLog {
    private static final String PATTERN = "%msg%n";

    private final LoggerContext context;
    private final Logger logger;
    /** A problem met while opening the target (e.g. the log file could not be opened), or null. */
    private final String problem;

    private ReportLog(LoggerContext context, Logger logger, String problem) {
        this.context = context;
        this.logger = logger;
        this.problem = problem;
    }

    /** Opens the log for {@code target}; null for {@link LogTarget.Kind#OFF}. */
    static ReportLog open(LogTarget target) {
        if (target.kind() == LogTarget.Kind.OFF) {
            return null;
        }
        LoggerContext context = new LoggerContext();
        context.setName("jlockdep");
        context.setMDCAdapter(new LogbackMDCAdapter());
        String problem = null;
        OutputStreamAppender<ILoggingEvent> appender = null;
        if (target.kind() == LogTarget.Kind.FILE) {
            FileAppender<ILoggingEvent> file = new FileAppender<ILoggingEvent>();
            file.setContext(context);
            file.setName("jlockdep-file");
            file.setFile(target.file().toString());
            file.setAppend(true);
            file.setEncoder(encoder(context, true));
            file.start();
            if (file.isStarted()) {
                appender = file;
            } else {
                problem = "cannot open log file " + target.file() + lastError(context) + "; logging to stderr";
            }
        }
        if (appender == null) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<ILoggingEvent>();
            console.setContext(context);
            console.setName("jlockdep-stderr");
            console.setTarget("System.err");
            console.setEncoder(encoder(context, false));
            console.start();
            appender = console;
        }
        ch.qos.logback.classic.Logger logger = context.getLogger("jlockdep");
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
        context.start();
        return new ReportLog(context, logger, problem);
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

    /** What went wrong while opening, to be logged once, or null. */
    String problem() {
        return problem;
    }

    /** Logs one message (possibly several lines; no placeholders are interpreted). */
    void log(String message) {
        logger.info(message);
    }

    /** Flushes and closes the appender; later {@link #log} calls write nothing. */
    void stop() {
        context.stop();
    }
}

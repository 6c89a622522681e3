package io.jlockdep.agent.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** Where the human-readable reports go: standard error, nowhere, or a file (appended to). */
public final class LogTarget {
    /** The kinds of target. */
    public enum Kind {
        /** {@code System.err} of the host program (resolved at each write). */
        STDERR,
        /** No log at all. */
        OFF,
        /** A file, opened in append mode; missing parent directories are created. */
        FILE
    }

    /** Reports to standard error (the default). */
    public static final LogTarget STDERR = new LogTarget(Kind.STDERR, null);
    /** No log output. */
    public static final LogTarget OFF = new LogTarget(Kind.OFF, null);

    private final Kind kind;
    private final Path file;

    private LogTarget(Kind kind, Path file) {
        this.kind = kind;
        this.file = file;
    }

    /** Reports appended to {@code file}. */
    public static LogTarget file(Path file) {
        return new LogTarget(Kind.FILE, Objects.requireNonNull(file, "file"));
    }

    /**
     * The target an option value names: {@code stderr} and {@code off} (any case) are the keywords,
     * anything else is a file path.
     *
     * @throws IllegalArgumentException for an empty value
     */
    public static LogTarget of(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("log: expected stderr, off or a file name");
        }
        String v = value.toLowerCase(Locale.ROOT);
        if (v.equals("stderr")) {
            return STDERR;
        }
        if (v.equals("off")) {
            return OFF;
        }
        return file(Path.of(value));
    }

    /** The kind of target. */
    public Kind kind() {
        return kind;
    }

    /** The file for {@link Kind#FILE}, else null. */
    public Path file() {
        return file;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LogTarget)) {
            return false;
        }
        LogTarget t = (LogTarget) o;
        return kind == t.kind && Objects.equals(file, t.file);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Objects.hashCode(file);
    }

    @Override
    public String toString() {
        return kind == Kind.FILE ? file.toString() : kind.name().toLowerCase(Locale.ROOT);
    }
}

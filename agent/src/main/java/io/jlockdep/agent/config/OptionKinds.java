package io.jlockdep.agent.config;

import io.jlockdep.core.LockdepConfig;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The kinds of option value: how each is read, with which error, and how the start-up line shows it. Values
 * are case-sensitive; a near miss of a keyword gets a suggestion. See {@link Option} for the options.
 */
final class OptionKinds {
    private OptionKinds() {
    }

    /** A keyword from a fixed list, each naming one value ({@code report}, {@code on}, ...). */
    static final class Choice<E> extends Option<E> {
        private final String[] keywords;
        private final E[] values;

        Choice(String key, String example, String description, E dflt, String[] keywords, E[] values) {
            super(key, example, String.join(", ", keywords), description, dflt);
            this.keywords = keywords;
            this.values = values;
        }

        @Override
        E parse(String value, Path base, String origin) {
            for (int i = 0; i < keywords.length; i++) {
                if (keywords[i].equals(value)) {
                    return values[i];
                }
            }
            throw badValue(origin, value, null, Text.suggest(value, keywords));
        }

        @Override
        String show(E value) {
            for (int i = 0; i < values.length; i++) {
                if (values[i].equals(value)) {
                    return keywords[i];
                }
            }
            return String.valueOf(value);
        }
    }

    /** A decimal integer from 1 to a maximum: digits only, no sign, at most ten of them. */
    static class Number extends Option<Integer> {
        private final int max;

        Number(String key, String example, String description, Integer dflt, int max) {
            super(key, example, "an integer from 1 to " + max, description, dflt);
            this.max = max;
        }

        @Override
        Integer parse(String value, Path base, String origin) {
            long n = 0;
            boolean ok = value.length() <= 10;
            for (int i = 0; ok && i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < '0' || c > '9') {
                    ok = false;
                } else {
                    n = n * 10 + (c - '0');
                }
            }
            if (!ok || n < 1 || n > max) {
                throw badValue(origin, value, null, null);
            }
            return Integer.valueOf((int) n);
        }
    }

    /**
     * An engine limit: when not given, the engine's default applies, and {@link AgentOptions#configure}
     * leaves the builder's value alone.
     */
    static final class Limit extends Number {
        /** The engine settings a limit option sets: one switch per direction instead of one class per option. */
        enum Setting {
            DEPTH, CLASSES, EDGES, CHAINS, STACK_FRAMES, FRAMES_PER_TRACE, INSTANCE_EDGES;

            int of(LockdepConfig c) {
                switch (this) {
                    case DEPTH: return c.maxDepth();
                    case CLASSES: return c.maxClasses();
                    case EDGES: return c.maxEdges();
                    case CHAINS: return c.maxChains();
                    case STACK_FRAMES: return c.maxStackFrames();
                    case FRAMES_PER_TRACE: return c.framesPerTrace();
                    default: return c.maxInstanceEdges();
                }
            }

            void set(LockdepConfig.Builder b, int n) {
                switch (this) {
                    case DEPTH: b.maxDepth(n); break;
                    case CLASSES: b.maxClasses(n); break;
                    case EDGES: b.maxEdges(n); break;
                    case CHAINS: b.maxChains(n); break;
                    case STACK_FRAMES: b.maxStackFrames(n); break;
                    case FRAMES_PER_TRACE: b.framesPerTrace(n); break;
                    default: b.maxInstanceEdges(n); break;
                }
            }
        }

        private final Setting setting;

        Limit(String key, String example, String description, Setting setting) {
            super(key, example, description, null, Integer.MAX_VALUE);
            this.setting = setting;
        }

        /** This limit in {@code config}. */
        int engineDefault(LockdepConfig config) {
            return setting.of(config);
        }

        /** Sets this limit on {@code builder}. */
        void apply(LockdepConfig.Builder builder, int n) {
            setting.set(builder, n);
        }

        @Override
        Integer defaultValue() {
            return Integer.valueOf(engineDefault(EngineDefaults.CONFIG));
        }
    }

    /** Holds the engine's default configuration, created on first use of a limit's default. */
    private static final class EngineDefaults {
        static final LockdepConfig CONFIG = LockdepConfig.defaults();
    }

    /**
     * A file path, made absolute against the source's directory. An output's name may say {@code %p} and
     * {@code %t} (see {@link #expand}); it is not checked here: the output that writes the file does.
     */
    static final class FilePath extends Option<Path> {
        private final boolean output;

        FilePath(String key, String example, String description, boolean output) {
            super(key, example, "a file path", description, null);
            this.output = output;
        }

        @Override
        Path parse(String value, Path base, String origin) {
            return path(this, output ? expand(value) : value, base, origin);
        }
    }

    /** {@code off} ({@link #OFF}, the empty path) or a directory path, made absolute. */
    static final class Directory extends Option<Path> {
        static final Path OFF = Paths.get("");

        Directory(String key, String example, String description) {
            super(key, example, "off, or a directory path", description, null);
        }

        @Override
        Path parse(String value, Path base, String origin) {
            if (value.equals("off")) {
                return OFF;
            }
            if (value.equalsIgnoreCase("off")) {
                throw badValue(origin, value, null, "off"); // a directory really named so: ./OFF
            }
            return path(this, value, base, origin);
        }

        @Override
        String show(Path value) {
            return value.toString().isEmpty() ? "off" : value.toString();
        }
    }

    /** {@code stderr}, {@code off}, or an output file path. */
    static final class Log extends Option<LogTarget> {
        private static final String[] KEYWORDS = {"stderr", "off"};

        Log(String key, String example, String description) {
            super(key, example, "stderr, off, or a file path", description, LogTarget.STDERR);
        }

        @Override
        LogTarget parse(String value, Path base, String origin) {
            if (value.equals("stderr")) {
                return LogTarget.STDERR;
            }
            if (value.equals("off")) {
                return LogTarget.OFF;
            }
            // A near-keyword ("STDERR", "stdout") is far more likely a mistake than a file name;
            // a file really named so can be given as ./stdout.
            String lower = value.toLowerCase(Locale.ROOT);
            if (lower.equals("stdout") || lower.equals("stderr") || lower.equals("off")) {
                throw badValue(origin, value, null, Text.suggest(value, KEYWORDS));
            }
            return LogTarget.file(path(this, expand(value), base, origin));
        }
    }

    /** Class-name globs separated by {@code :}, duplicates dropped. */
    static final class Globs extends Option<ClassGlobSet> {
        Globs(String key, String example, String valid, String description) {
            super(key, example, valid, description, ClassGlobSet.empty());
        }

        @Override
        ClassGlobSet parse(String value, Path base, String origin) {
            List<ClassGlob> list = new ArrayList<>();
            for (String part : split(value)) {
                String problem = partProblem(part, ClassGlob.classNameProblem(part));
                if (problem != null) {
                    throw badValue(origin, value, problem, null);
                }
                list.add(ClassGlob.of(part));
            }
            return ClassGlobSet.of(list);
        }
    }

    /** {@code Class#method} patterns separated by {@code :}, duplicates dropped (an unmodifiable list). */
    static final class Methods extends Option<List<MethodPattern>> {
        Methods(String key, String example, String valid, String description) {
            super(key, example, valid, description, Collections.<MethodPattern>emptyList());
        }

        @Override
        List<MethodPattern> parse(String value, Path base, String origin) {
            List<MethodPattern> list = new ArrayList<>();
            for (String part : split(value)) {
                String problem = partProblem(part, MethodPattern.problem(part));
                if (problem != null) {
                    throw badValue(origin, value, problem, null);
                }
                MethodPattern p = MethodPattern.create(part);
                if (!list.contains(p)) {
                    list.add(p);
                }
            }
            return Collections.unmodifiableList(list);
        }

        @Override
        String show(List<MethodPattern> value) {
            return Text.join(":", value);
        }
    }

    private static Path path(Option<?> o, String value, Path base, String origin) {
        try {
            return base.resolve(Paths.get(value)).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            String reason = e.getReason();
            throw o.badValue(origin, value, reason == null ? "not a valid path" : reason, null);
        }
    }

    /** Why one {@code :}-separated part is rejected (empty, or {@code problem} with the part quoted), or null. */
    private static String partProblem(String part, String problem) {
        return part.isEmpty() ? "empty pattern" : problem == null ? null : "pattern '" + part + "' " + problem;
    }

    /** {@code value} split at {@code :}, each part trimmed (empty parts kept, for the caller to reject). */
    private static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int colon;
        while ((colon = value.indexOf(':', start)) >= 0) {
            parts.add(value.substring(start, colon).trim());
            start = colon + 1;
        }
        parts.add(value.substring(start).trim());
        return parts;
    }

    /**
     * Output file names may say {@code %p} (this JVM's process id) and {@code %t} (the start time,
     * {@code yyyy_MM_dd_HH_mm_ss}), as JFR's own {@code filename=} does, so that every test JVM of a forking
     * build writes its own file; {@code %%} is a percent sign.
     */
    static String expand(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            char next = i + 1 < value.length() ? value.charAt(i + 1) : 0;
            if (c == '%' && next == 'p') {
                sb.append(ProcessHandle.current().pid());
                i++;
            } else if (c == '%' && next == 't') {
                sb.append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy_MM_dd_HH_mm_ss", Locale.ROOT)));
                i++;
            } else if (c == '%' && next == '%') {
                sb.append('%');
                i++;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}

package io.jlockdep.agent.config;

import io.jlockdep.core.LockdepConfig;
import io.jlockdep.core.SameClassPolicy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The agent's options, parsed from the agent argument ({@code -javaagent:jlockdep-agent.jar=key=value,...})
 * and optionally a properties file ({@code config=FILE}). Immutable and thread-safe.
 *
 * <h2>Syntax</h2>
 * Pairs are separated by {@code ,}; each is {@code key=value}, split at the first {@code =}, key and value
 * trimmed. Empty items (e.g. a trailing comma) are ignored. Keys are case-sensitive, and so are the
 * keyword values ({@code onCycle=throw}, not {@code THROW}). A value cannot contain {@code ,} on the command
 * line: put such a value in a config file. Errors, all {@link OptionException} with a one-line message:
 * an unknown key (naming the valid ones, with a suggestion for a near miss), a key without {@code =} or with
 * an empty value, a key given twice, a malformed value (naming the valid values).
 *
 * <h2>Options</h2>
 * <table>
 * <caption>options</caption>
 * <tr><th>key</th><th>values</th><th>default</th></tr>
 * <tr><td>{@code onCycle}</td><td>{@code report}, {@code throw}, {@code exit}</td><td>{@code report}</td></tr>
 * <tr><td>{@code exitCode}</td><td>1 to 255</td><td>1</td></tr>
 * <tr><td>{@code jfr}</td><td>output file</td><td>none</td></tr>
 * <tr><td>{@code log}</td><td>{@code stderr}, {@code off}, or an output file</td><td>{@code stderr}</td></tr>
 * <tr><td>{@code include}, {@code exclude}</td><td>class-name globs separated by {@code :}</td><td>none</td></tr>
 * <tr><td>{@code sameClass}</td><td>{@code instance}, {@code strict}, {@code off}</td><td>{@code instance}</td></tr>
 * <tr><td>{@code contract}, {@code suppress}</td><td>input file</td><td>none</td></tr>
 * <tr><td>{@code edges}, {@code stacks}</td><td>{@code on}, {@code off}</td><td>{@code off}, {@code on}</td></tr>
 * <tr><td>{@code dump}</td><td>output file; {@code .dot} (any case) means Graphviz, else text</td><td>none</td></tr>
 * <tr><td>{@code config}</td><td>properties file (command line only)</td><td>none</td></tr>
 * <tr><td>{@code waits}, {@code sections}</td><td>{@code Class#method} patterns separated by {@code :}</td><td>none</td></tr>
 * <tr><td>{@code maxDepth}, {@code maxClasses}, {@code maxEdges}, {@code maxChains}, {@code maxStackFrames},
 *     {@code framesPerTrace}, {@code maxInstanceEdges}</td><td>1 to 2147483647</td><td>the engine's</td></tr>
 * </table>
 *
 * <h2>Files</h2>
 * Relative paths on the command line are resolved against the JVM's working directory; relative paths in a
 * config file against the config file's directory. Accessors return absolute, normalized paths. At parse
 * time an output file ({@code jfr}, {@code dump}, {@code log}) must be creatable — its directory exists and
 * is writable, or the file exists, is not a directory and is writable — and no two outputs may name the
 * same file; an input file ({@code contract}, {@code suppress}, {@code config}) must exist, not be a
 * directory, and be readable.
 *
 * <h2>Config file</h2>
 * {@code config=FILE} is read as {@link Properties} in UTF-8. Every key must be an option other than
 * {@code config}, with a non-empty value, at most once; its errors carry the prefix
 * {@code config file 'FILE': }. Options given on the command line override the file's. Every value in the
 * file is checked even when overridden; file-system checks apply to the effective values only.
 */
public final class AgentOptions {

    /** The options, in documentation order. Keys, examples and valid-value texts are in the messages. */
    private enum Opt {
        ON_CYCLE("onCycle", "throw", "report, throw, exit"),
        EXIT_CODE("exitCode", "3", "an integer from 1 to 255"),
        JFR("jfr", "out.jfr", "a file path"),
        LOG("log", "jlockdep.log", "stderr, off, or a file path"),
        INCLUDE("include", "com.acme.*", GLOBS),
        EXCLUDE("exclude", "com.acme.generated.*", GLOBS),
        SAME_CLASS("sameClass", "strict", "instance, strict, off"),
        CONTRACT("contract", "locks.contract", "a file path"),
        SUPPRESS("suppress", "jlockdep.suppress", "a file path"),
        EDGES("edges", "on", "on, off"),
        DUMP("dump", "graph.dot", "a file path"),
        CONFIG("config", "jlockdep.properties", "a file path"),
        WAITS("waits", "com.acme.Latch#await", "Class#method patterns separated by ':', "
                + "e.g. com.acme.Latch#await:com.acme.*#join"),
        SECTIONS("sections", "com.acme.Worker#complete", "Class#method patterns separated by ':', "
                + "e.g. com.acme.Worker#complete:com.acme.io.*#onData"),
        MAX_DEPTH("maxDepth", "128", LIMIT),
        MAX_CLASSES("maxClasses", "32768", LIMIT),
        MAX_EDGES("maxEdges", "524288", LIMIT),
        MAX_CHAINS("maxChains", "2097152", LIMIT),
        MAX_STACK_FRAMES("maxStackFrames", "4194304", LIMIT),
        FRAMES_PER_TRACE("framesPerTrace", "64", LIMIT),
        MAX_INSTANCE_EDGES("maxInstanceEdges", "131072", LIMIT),
        STACKS("stacks", "off", "on, off");

        final String key;
        final String example;
        final String valid;

        Opt(String key, String example, String valid) {
            this.key = key;
            this.example = example;
            this.valid = valid;
        }
    }

    private static final String GLOBS = "class-name globs separated by ':', e.g. com.acme.*:org.example.Foo";
    private static final String LIMIT = "an integer from 1 to 2147483647";

    private static final Opt[] OPTS = Opt.values();
    private static final String[] KEYS;
    private static final String VALID_OPTIONS;
    private static final List<String> OPTION_NAMES;

    static {
        KEYS = new String[OPTS.length];
        List<String> names = new ArrayList<>(OPTS.length);
        for (int i = 0; i < OPTS.length; i++) {
            KEYS[i] = OPTS[i].key;
            names.add(OPTS[i].key);
        }
        OPTION_NAMES = Collections.unmodifiableList(names);
        VALID_OPTIONS = Text.join(", ", names);
    }

    private static final String[] ON_CYCLE_VALUES = {"report", "throw", "exit"};
    private static final String[] SAME_CLASS_VALUES = {"instance", "strict", "off"};
    private static final String[] ON_OFF_VALUES = {"on", "off"};
    private static final String[] LOG_VALUES = {"stderr", "off"};

    private static final AgentOptions DEFAULTS = new AgentOptions(new Values());

    private final Values v;

    private AgentOptions(Values v) {
        this.v = v;
    }

    /** Raw and parsed values of one source (command line or config file), indexed by {@code Opt.ordinal()}. */
    private static final class Values {
        final boolean[] given = new boolean[OPTS.length];
        final String[] raw = new String[OPTS.length];
        final Object[] parsed = new Object[OPTS.length];
        /** Error prefix for a value from a config file, {@code ""} for the command line. */
        final String[] origin = new String[OPTS.length];

        Object get(Opt o) {
            return parsed[o.ordinal()];
        }

        boolean has(Opt o) {
            return given[o.ordinal()];
        }
    }

    // ------------------------------------------------------------------------------------------ parsing

    /** All defaults (as parsing {@code null} would give). */
    public static AgentOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Parses the agent argument string; relative paths are resolved against the working directory
     * ({@code user.dir}).
     *
     * @param agentArgs the text after {@code =} in {@code -javaagent:jar=...}; null or blank means all defaults
     * @return the options
     * @throws OptionException with a one-line message naming the option (and config file) and the valid
     *                         choices, for any syntax, value or file problem
     */
    public static AgentOptions parse(String agentArgs) {
        return parse(agentArgs, Paths.get("").toAbsolutePath());
    }

    /**
     * As {@link #parse(String)}, resolving relative command-line paths against {@code workingDir}.
     *
     * @throws OptionException as {@link #parse(String)}
     */
    static AgentOptions parse(String agentArgs, Path workingDir) {
        Path base = workingDir.toAbsolutePath().normalize();
        Values cli = new Values();
        if (agentArgs != null) {
            int n = agentArgs.length();
            int start = 0;
            while (start <= n) {
                int comma = agentArgs.indexOf(',', start);
                if (comma < 0) {
                    comma = n;
                }
                String item = agentArgs.substring(start, comma).trim();
                start = comma + 1;
                if (item.isEmpty()) {
                    continue;
                }
                int eq = item.indexOf('=');
                String key = eq < 0 ? item : item.substring(0, eq).trim();
                String value = eq < 0 ? "" : item.substring(eq + 1).trim();
                Opt opt = lookup(key, item, "");
                if (value.isEmpty()) {
                    throw needsValue("", opt);
                }
                if (cli.has(opt)) {
                    throw new OptionException(Text.cat("option '", opt.key, "' given twice"));
                }
                set(cli, opt, value, base, "");
            }
        }
        Values effective = cli;
        if (cli.has(Opt.CONFIG)) {
            effective = merge(cli, readConfig((Path) cli.get(Opt.CONFIG), cli.raw[Opt.CONFIG.ordinal()]));
        }
        checkFiles(effective);
        return new AgentOptions(effective);
    }

    private static Opt lookup(String key, String item, String origin) {
        if (key.isEmpty()) {
            throw new OptionException(Text.cat(origin, "missing option name in '", item, "' (valid options: ",
                    VALID_OPTIONS, ")"));
        }
        for (Opt o : OPTS) {
            if (o.key.equals(key)) {
                return o;
            }
        }
        String near = Text.suggest(key, KEYS);
        throw new OptionException(Text.cat(origin, "unknown option '", key, "'",
                near == null ? "" : Text.cat(", did you mean '", near, "'?"), " (valid options: ", VALID_OPTIONS, ")"));
    }

    private static OptionException needsValue(String origin, Opt o) {
        return new OptionException(Text.cat(origin, "option '", o.key, "' needs a value, e.g. ", o.key, "=", o.example));
    }

    private static OptionException badValue(String origin, Opt o, String value, String reason, String near) {
        return new OptionException(Text.cat(origin, "bad value '", value, "' for option '", o.key, "'",
                reason == null ? "" : Text.cat(": ", reason),
                near == null ? "" : Text.cat(", did you mean '", near, "'?"),
                " (valid: ", o.valid, ")"));
    }

    /** Parses {@code value} (trimmed, non-empty) of {@code o} into {@code vals}. */
    private static void set(Values vals, Opt o, String value, Path base, String origin) {
        Object parsed;
        switch (o) {
            case ON_CYCLE:
                parsed = OnCycle.values()[choice(o, value, ON_CYCLE_VALUES, origin)];
                break;
            case SAME_CLASS:
                parsed = SameClassPolicy.values()[choice(o, value, SAME_CLASS_VALUES, origin)];
                break;
            case EDGES:
            case STACKS:
                parsed = Boolean.valueOf(choice(o, value, ON_OFF_VALUES, origin) == 0);
                break;
            case EXIT_CODE:
                parsed = Integer.valueOf(integer(o, value, 255, origin));
                break;
            case MAX_DEPTH:
            case MAX_CLASSES:
            case MAX_EDGES:
            case MAX_CHAINS:
            case MAX_STACK_FRAMES:
            case FRAMES_PER_TRACE:
            case MAX_INSTANCE_EDGES:
                parsed = Integer.valueOf(integer(o, value, Integer.MAX_VALUE, origin));
                break;
            case LOG:
                if (value.equals("stderr")) {
                    parsed = LogTarget.STDERR;
                } else if (value.equals("off")) {
                    parsed = LogTarget.OFF;
                } else {
                    // A near-keyword ("STDERR", "stdout") is far more likely a mistake than a file name;
                    // a file really named so can be given as ./stdout.
                    String lower = value.toLowerCase(Locale.ROOT);
                    if (lower.equals("stdout") || lower.equals("stderr") || lower.equals("off")) {
                        String near = Text.suggest(value, LOG_VALUES);
                        throw badValue(origin, o, value, null, near);
                    }
                    parsed = path(o, expand(value), base, origin);
                }
                break;
            case JFR:
            case DUMP:
                parsed = path(o, expand(value), base, origin);
                break;
            case CONTRACT:
            case SUPPRESS:
            case CONFIG:
                parsed = path(o, value, base, origin);
                break;
            case INCLUDE:
            case EXCLUDE:
                parsed = globs(o, value, origin);
                break;
            case WAITS:
            case SECTIONS:
                parsed = methods(o, value, origin);
                break;
            default:
                throw new AssertionError(o);
        }
        int i = o.ordinal();
        vals.given[i] = true;
        vals.raw[i] = value;
        vals.parsed[i] = parsed;
        vals.origin[i] = origin;
    }

    private static int choice(Opt o, String value, String[] choices, String origin) {
        for (int i = 0; i < choices.length; i++) {
            if (choices[i].equals(value)) {
                return i;
            }
        }
        throw badValue(origin, o, value, null, Text.suggest(value, choices));
    }

    private static int integer(Opt o, String value, int max, String origin) {
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
            throw badValue(origin, o, value, null, null);
        }
        return (int) n;
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
                sb.append(java.time.LocalDateTime.now().format(
                        java.time.format.DateTimeFormatter.ofPattern("yyyy_MM_dd_HH_mm_ss", Locale.ROOT)));
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

    private static Path path(Opt o, String value, Path base, String origin) {
        try {
            return base.resolve(Paths.get(value)).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            String reason = e.getReason();
            throw badValue(origin, o, value, reason == null ? "not a valid path" : reason, null);
        }
    }

    private static ClassGlobSet globs(Opt o, String value, String origin) {
        List<ClassGlob> list = new ArrayList<>();
        for (String part : split(value)) {
            if (part.isEmpty()) {
                throw badValue(origin, o, value, "empty pattern", null);
            }
            String problem = ClassGlob.classNameProblem(part);
            if (problem != null) {
                throw badValue(origin, o, value, Text.cat("pattern '", part, "' ", problem), null);
            }
            list.add(ClassGlob.of(part));
        }
        return ClassGlobSet.of(list);
    }

    private static List<MethodPattern> methods(Opt o, String value, String origin) {
        List<MethodPattern> list = new ArrayList<>();
        for (String part : split(value)) {
            if (part.isEmpty()) {
                throw badValue(origin, o, value, "empty pattern", null);
            }
            String problem = MethodPattern.problem(part);
            if (problem != null) {
                throw badValue(origin, o, value, Text.cat("pattern '", part, "' ", problem), null);
            }
            MethodPattern p = MethodPattern.create(part);
            if (!list.contains(p)) {
                list.add(p);
            }
        }
        return Collections.unmodifiableList(list);
    }

    /** {@code value} split at {@code :}, each part trimmed (empty parts kept, for the caller to reject). */
    private static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (true) {
            int colon = value.indexOf(':', start);
            if (colon < 0) {
                parts.add(value.substring(start).trim());
                return parts;
            }
            parts.add(value.substring(start, colon).trim());
            start = colon + 1;
        }
    }

    // ------------------------------------------------------------------------------------------ config file

    /** {@link Properties} that keeps keys in file order and remembers the first key given twice. */
    private static final class OrderedProperties extends Properties {
        private static final long serialVersionUID = 1L;
        final transient Map<String, String> entries = new LinkedHashMap<>();
        transient String duplicate;

        @Override
        public synchronized Object put(Object key, Object value) {
            String k = String.valueOf(key);
            if (entries.containsKey(k) && duplicate == null) {
                duplicate = k;
            }
            entries.put(k, String.valueOf(value));
            return super.put(key, value);
        }
    }

    private static Values readConfig(Path file, String given) {
        checkReadable(file, given, "config", "");
        String origin = Text.cat("config file '", given, "': ");
        String text;
        try {
            text = Text.readUtf8(file);
        } catch (IOException e) {
            throw new OptionException(Text.cat("cannot read config file '", given, "': ", Text.reason(e)), e);
        } catch (Text.MalformedUtf8Exception e) {
            throw new OptionException(Text.cat(origin, "line ", String.valueOf(e.line), " is not valid UTF-8"));
        }
        OrderedProperties props = new OrderedProperties();
        try {
            props.load(new StringReader(text));
        } catch (IllegalArgumentException e) {
            throw new OptionException(Text.cat(origin, "malformed \\uxxxx escape"), e);
        } catch (IOException e) {
            throw new OptionException(Text.cat("cannot read config file '", given, "': ", Text.reason(e)), e);
        }
        if (props.duplicate != null) {
            throw new OptionException(Text.cat(origin, "option '", props.duplicate, "' given twice"));
        }
        Path dir = file.getParent();
        Values vals = new Values();
        for (Map.Entry<String, String> e : props.entries.entrySet()) {
            String key = e.getKey().trim();
            String value = e.getValue().trim();
            Opt opt = lookup(key, Text.cat(key, "=", value), origin);
            if (opt == Opt.CONFIG) {
                throw new OptionException(Text.cat(origin, "option 'config' cannot be used inside a config file"));
            }
            if (value.isEmpty()) {
                throw needsValue(origin, opt);
            }
            set(vals, opt, value, dir, origin);
        }
        return vals;
    }

    /** The file's values overridden by the command line's. */
    private static Values merge(Values cli, Values file) {
        Values out = new Values();
        for (int i = 0; i < OPTS.length; i++) {
            Values from = cli.given[i] ? cli : file.given[i] ? file : null;
            if (from != null) {
                out.given[i] = true;
                out.raw[i] = from.raw[i];
                out.parsed[i] = from.parsed[i];
                out.origin[i] = from.origin[i];
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ file checks

    private static void checkFiles(Values vals) {
        Opt[] outputs = {Opt.JFR, Opt.DUMP, Opt.LOG};
        for (int a = 0; a < outputs.length; a++) {
            Path pa = outputPath(vals, outputs[a]);
            if (pa == null) {
                continue;
            }
            checkWritable(pa, vals.raw[outputs[a].ordinal()], outputs[a].key, vals.origin[outputs[a].ordinal()]);
            for (int b = a + 1; b < outputs.length; b++) {
                Path pb = outputPath(vals, outputs[b]);
                if (pa.equals(pb)) {
                    throw new OptionException(Text.cat("options '", outputs[a].key, "' and '", outputs[b].key,
                            "' name the same file '", pa.toString(), "'"));
                }
            }
        }
        Opt[] inputs = {Opt.CONTRACT, Opt.SUPPRESS};
        for (Opt o : inputs) {
            if (vals.has(o)) {
                checkReadable((Path) vals.get(o), vals.raw[o.ordinal()], o.key, vals.origin[o.ordinal()]);
            }
        }
    }

    private static Path outputPath(Values vals, Opt o) {
        Object p = vals.get(o);
        return p instanceof Path ? (Path) p : null;
    }

    private static void checkWritable(Path file, String given, String what, String origin) {
        String head = Text.cat(origin, "cannot write ", what, " file '", given, "': ");
        boolean same = file.toString().equals(given);
        if (Files.isDirectory(file)) {
            throw new OptionException(Text.cat(head, same ? "it" : Text.cat("'", file.toString(), "'"),
                    " is a directory"));
        }
        if (Files.exists(file)) {
            if (!Files.isWritable(file)) {
                throw new OptionException(Text.cat(head, same ? "file" : Text.cat("file '", file.toString(), "'"),
                        " is not writable"));
            }
            return;
        }
        Path dir = file.getParent();
        if (dir == null) {
            throw new OptionException(Text.cat(head, "it has no parent directory"));
        }
        String d = dir.toString();
        if (!Files.exists(dir)) {
            // Like a build's output directory, missing parents are created (target/jlockdep/fork-1.jfr).
            Path existing = dir.getParent();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing != null && !Files.isDirectory(existing)) {
                throw new OptionException(Text.cat(head, "'", existing.toString(), "' is not a directory"));
            }
            try {
                Files.createDirectories(dir);
            } catch (IOException | RuntimeException e) {
                throw new OptionException(Text.cat(head, "cannot create directory '", d, "' (",
                        e.getClass().getSimpleName(), ")"));
            }
        }
        if (!Files.isDirectory(dir)) {
            throw new OptionException(Text.cat(head, "'", d, "' is not a directory"));
        }
        if (!Files.isWritable(dir)) {
            throw new OptionException(Text.cat(head, "directory '", d, "' is not writable"));
        }
    }

    private static void checkReadable(Path file, String given, String what, String origin) {
        String head = Text.cat(origin, "cannot read ", what, " file '", given, "': ");
        boolean same = file.toString().equals(given);
        String f = same ? "file" : Text.cat("file '", file.toString(), "'");
        if (!Files.exists(file)) {
            throw new OptionException(Text.cat(head, f, " does not exist"));
        }
        if (Files.isDirectory(file)) {
            throw new OptionException(Text.cat(head, same ? "it" : Text.cat("'", file.toString(), "'"),
                    " is a directory"));
        }
        if (!Files.isReadable(file)) {
            throw new OptionException(Text.cat(head, f, " is not readable"));
        }
    }

    // ------------------------------------------------------------------------------------------ accessors

    /** The option names, in documentation order (unmodifiable). */
    public static List<String> optionNames() {
        return OPTION_NAMES;
    }

    /**
     * Whether {@code option} was given, on the command line or in the config file.
     *
     * @throws IllegalArgumentException if {@code option} is not an option name
     */
    public boolean isSet(String option) {
        for (Opt o : OPTS) {
            if (o.key.equals(option)) {
                return v.has(o);
            }
        }
        throw new IllegalArgumentException(Text.cat("not an option: ", option));
    }

    /** What to do on a potential deadlock (default {@link OnCycle#REPORT}). */
    public OnCycle onCycle() {
        return v.has(Opt.ON_CYCLE) ? (OnCycle) v.get(Opt.ON_CYCLE) : OnCycle.REPORT;
    }

    /** The exit status for {@code onCycle=exit}, 1 to 255 (default 1); given even with another {@code onCycle}. */
    public int exitCode() {
        return intOr(Opt.EXIT_CODE, 1);
    }

    /** The {@code jfr} option as given, for the output that checks and writes it; null when not given. */
    public OutputFile jfrOutput() {
        return output(Opt.JFR);
    }

    /** The {@code dump} option as given; null when not given. */
    public OutputFile dumpOutput() {
        return output(Opt.DUMP);
    }

    /** The {@code log} option as given when it names a file; null for {@code stderr}, {@code off} or none. */
    public OutputFile logOutput() {
        return output(Opt.LOG);
    }

    private OutputFile output(Opt o) {
        Object p = v.get(o);
        int i = o.ordinal();
        return p instanceof Path ? new OutputFile(o.key, (Path) p, v.raw[i], v.origin[i]) : null;
    }

    /** The JFR output file (absolute), or null when not requested. */
    public Path jfrFile() {
        return (Path) v.get(Opt.JFR);
    }

    /** Where reports go (default {@link LogTarget#STDERR}). */
    public LogTarget logTarget() {
        Object p = v.get(Opt.LOG);
        return p == null ? LogTarget.STDERR : p instanceof Path ? LogTarget.file((Path) p) : (LogTarget) p;
    }

    /** The log file (absolute) when {@link #logTarget()} is a file, else null. */
    public Path logFile() {
        Object p = v.get(Opt.LOG);
        return p instanceof Path ? (Path) p : null;
    }

    /**
     * Globs of classes whose {@code synchronized} code is instrumented. Empty (the default) means: all
     * application classes and the JDK's default safe set.
     */
    public ClassGlobSet include() {
        return v.has(Opt.INCLUDE) ? (ClassGlobSet) v.get(Opt.INCLUDE) : ClassGlobSet.empty();
    }

    /** Globs of classes never instrumented for {@code synchronized} (default empty). */
    public ClassGlobSet exclude() {
        return v.has(Opt.EXCLUDE) ? (ClassGlobSet) v.get(Opt.EXCLUDE) : ClassGlobSet.empty();
    }

    /** The same-class nesting policy (default {@link SameClassPolicy#INSTANCE}). */
    public SameClassPolicy sameClass() {
        return v.has(Opt.SAME_CLASS) ? (SameClassPolicy) v.get(Opt.SAME_CLASS) : SameClassPolicy.INSTANCE;
    }

    /** The contract file to prime (absolute, existed and was readable at parse time), or null. */
    public Path contractFile() {
        return (Path) v.get(Opt.CONTRACT);
    }

    /** The suppression file (absolute, existed and was readable at parse time), or null. */
    public Path suppressFile() {
        return (Path) v.get(Opt.SUPPRESS);
    }

    /**
     * Reads the suppression file, or returns {@link Suppressions#none()} when there is none.
     *
     * @throws OptionException for an unreadable or malformed file (see {@link Suppressions#parse(Path)})
     */
    public Suppressions loadSuppressions() {
        Path p = suppressFile();
        return p == null ? Suppressions.none() : Suppressions.parse(p);
    }

    /** Whether every new dependency edge is emitted as a JFR event (default false). */
    public boolean edges() {
        return v.has(Opt.EDGES) && ((Boolean) v.get(Opt.EDGES)).booleanValue();
    }

    /** The file the learned graph is written to at exit (absolute), or null. */
    public Path dumpFile() {
        return (Path) v.get(Opt.DUMP);
    }

    /** Whether the dump is Graphviz DOT (the dump file name ends in {@code .dot}, any case); false without dump. */
    public boolean dumpDot() {
        Path p = dumpFile();
        if (p == null || p.getFileName() == null) {
            return false;
        }
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".dot");
    }

    /** The config file that was read (absolute), or null. */
    public Path configFile() {
        return (Path) v.get(Opt.CONFIG);
    }

    /** User-declared wait points (unmodifiable, duplicates dropped, default empty). */
    @SuppressWarnings("unchecked")
    public List<MethodPattern> waits() {
        return v.has(Opt.WAITS) ? (List<MethodPattern>) v.get(Opt.WAITS) : Collections.<MethodPattern>emptyList();
    }

    /** User-declared signalling sections (unmodifiable, duplicates dropped, default empty). */
    @SuppressWarnings("unchecked")
    public List<MethodPattern> sections() {
        return v.has(Opt.SECTIONS) ? (List<MethodPattern>) v.get(Opt.SECTIONS)
                : Collections.<MethodPattern>emptyList();
    }

    /** Whether first-seen stack traces are captured (default true). */
    public boolean stacks() {
        return !v.has(Opt.STACKS) || ((Boolean) v.get(Opt.STACKS)).booleanValue();
    }

    /** Held entries tracked per thread: the option, else the engine default (64). */
    public int maxDepth() {
        return intOr(Opt.MAX_DEPTH, EngineDefaults.CONFIG.maxDepth());
    }

    /** Lock classes: the option, else the engine default (16384). */
    public int maxClasses() {
        return intOr(Opt.MAX_CLASSES, EngineDefaults.CONFIG.maxClasses());
    }

    /** Dependency edges: the option, else the engine default (262144). */
    public int maxEdges() {
        return intOr(Opt.MAX_EDGES, EngineDefaults.CONFIG.maxEdges());
    }

    /** Validated chains: the option, else the engine default (1048576). */
    public int maxChains() {
        return intOr(Opt.MAX_CHAINS, EngineDefaults.CONFIG.maxChains());
    }

    /** Stack frames stored across all traces: the option, else the engine default (2097152). */
    public int maxStackFrames() {
        return intOr(Opt.MAX_STACK_FRAMES, EngineDefaults.CONFIG.maxStackFrames());
    }

    /** Frames kept per captured trace: the option, else the engine default (32). */
    public int framesPerTrace() {
        return intOr(Opt.FRAMES_PER_TRACE, EngineDefaults.CONFIG.framesPerTrace());
    }

    /** Instance-order edges (same-class policy {@code instance}): the option, else the engine default (65536). */
    public int maxInstanceEdges() {
        return intOr(Opt.MAX_INSTANCE_EDGES, EngineDefaults.CONFIG.maxInstanceEdges());
    }

    private int intOr(Opt o, int dflt) {
        return v.has(o) ? ((Integer) v.get(o)).intValue() : dflt;
    }

    /**
     * Applies the engine settings to {@code builder}: {@code sameClass}, {@code stacks}
     * ({@code captureStacks}), {@code edges} ({@code reportEdges}) and every limit given explicitly (the
     * others keep the builder's values). Listener and frame prefixes are left to the caller.
     *
     * @return {@code builder}
     */
    public LockdepConfig.Builder configure(LockdepConfig.Builder builder) {
        builder.sameClass(sameClass()).captureStacks(stacks()).reportEdges(edges());
        if (v.has(Opt.MAX_DEPTH)) {
            builder.maxDepth(maxDepth());
        }
        if (v.has(Opt.MAX_CLASSES)) {
            builder.maxClasses(maxClasses());
        }
        if (v.has(Opt.MAX_EDGES)) {
            builder.maxEdges(maxEdges());
        }
        if (v.has(Opt.MAX_CHAINS)) {
            builder.maxChains(maxChains());
        }
        if (v.has(Opt.MAX_STACK_FRAMES)) {
            builder.maxStackFrames(maxStackFrames());
        }
        if (v.has(Opt.FRAMES_PER_TRACE)) {
            builder.framesPerTrace(framesPerTrace());
        }
        if (v.has(Opt.MAX_INSTANCE_EDGES)) {
            builder.maxInstanceEdges(maxInstanceEdges());
        }
        return builder;
    }

    /**
     * The effective options on one line, for the start-up message: {@code onCycle}, {@code exitCode},
     * {@code log}, {@code sameClass}, {@code edges} and {@code stacks} always; the others when given. Paths
     * are absolute. E.g. {@code onCycle=report, exitCode=1, log=stderr, sameClass=instance, edges=off,
     * stacks=on}.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(160);
        for (Opt o : OPTS) {
            String value;
            switch (o) {
                case ON_CYCLE:
                    value = onCycle().id();
                    break;
                case EXIT_CODE:
                    value = String.valueOf(exitCode());
                    break;
                case LOG:
                    value = logTarget().toString();
                    break;
                case SAME_CLASS:
                    value = sameClass().name().toLowerCase(Locale.ROOT);
                    break;
                case EDGES:
                    value = edges() ? "on" : "off";
                    break;
                case STACKS:
                    value = stacks() ? "on" : "off";
                    break;
                default:
                    value = v.has(o) ? String.valueOf(v.get(o)) : null;
                    if (value != null && (o == Opt.WAITS || o == Opt.SECTIONS)) {
                        value = Text.join(":", (List<?>) v.get(o));
                    }
                    break;
            }
            if (value != null) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(o.key).append('=').append(value);
            }
        }
        return Text.oneLine(sb.toString());
    }

    /** Holds the engine's default configuration, created on first use of a limit accessor. */
    private static final class EngineDefaults {
        static final LockdepConfig CONFIG = LockdepConfig.defaults();
    }
}

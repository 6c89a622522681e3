package io.jlockdep.agent.config;

import io.jlockdep.core.LockdepConfig;
import io.jlockdep.core.SameClassPolicy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

/**
 * The agent's options, parsed from the agent argument ({@code -javaagent:jlockdep-agent.jar=key=value,...})
 * and optionally a properties file ({@code config=FILE}). Immutable and thread-safe. The options, their
 * values and defaults are defined in {@link Option}.
 *
 * <h2>Syntax</h2>
 * Pairs are separated by {@code ,}; each is {@code key=value}, split at the first {@code =}, key and value
 * trimmed. Empty items (e.g. a trailing comma) are ignored. Keys are case-sensitive, and so are the
 * keyword values ({@code onCycle=throw}, not {@code THROW}). A value cannot contain {@code ,} on the command
 * line: put such a value in a config file. Errors, all {@link OptionException} with a one-line message:
 * an unknown key (naming the valid ones, with a suggestion for a near miss), a key without {@code =} or with
 * an empty value, a key given twice, a malformed value (naming the valid values).
 *
 * <h2>Files</h2>
 * Relative paths on the command line are resolved against the JVM's working directory; relative paths in a
 * config file against the config file's directory. Accessors return absolute, normalized paths. Parsing
 * does not touch an output file ({@code jfr}, {@code dump}, {@code log}): the output that writes it checks
 * it and creates its directories ({@link OutputFile}); only no two outputs may name the same file. An input
 * file ({@code contract}, {@code suppress}, {@code config}) must exist, not be a directory, and be readable.
 *
 * <h2>Config file</h2>
 * See {@link ConfigFile}. Options given on the command line override the file's. Every value in the file is
 * checked even when overridden; file-system checks apply to the effective values only.
 */
public final class AgentOptions {
    private static final AgentOptions DEFAULTS = new AgentOptions(new OptionValues());

    private final OptionValues v;

    private AgentOptions(OptionValues v) {
        this.v = v;
    }

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
     *                         choices, for any syntax, value or input-file problem
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
        OptionValues cli = new OptionValues();
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
                Option<?> opt = Option.lookup(key, item, "");
                if (value.isEmpty()) {
                    throw opt.needsValue("");
                }
                if (cli.has(opt)) {
                    throw new OptionException("option '" + opt.key + "' given twice");
                }
                cli.parse(opt, value, base, "");
            }
        }
        OptionValues effective = cli;
        if (cli.has(Option.CONFIG)) {
            effective = OptionValues.merge(cli, ConfigFile.read(cli.get(Option.CONFIG), cli.raw(Option.CONFIG)));
        }
        checkFiles(effective);
        return new AgentOptions(effective);
    }

    /** No two outputs name the same file; the input files are readable. */
    private static void checkFiles(OptionValues vals) {
        String[] keys = {Option.JFR.key, Option.DUMP.key, Option.LOG.key};
        Path[] outputs = {vals.get(Option.JFR), vals.get(Option.DUMP), vals.get(Option.LOG).file()};
        for (int a = 0; a < outputs.length; a++) {
            for (int b = a + 1; b < outputs.length; b++) {
                if (outputs[a] != null && outputs[a].equals(outputs[b])) {
                    throw new OptionException("options '" + keys[a] + "' and '" + keys[b] + "' name the same file '"
                            + outputs[a] + "'");
                }
            }
        }
        checkInput(vals, Option.CONTRACT);
        checkInput(vals, Option.SUPPRESS);
    }

    private static void checkInput(OptionValues vals, Option<Path> o) {
        if (vals.has(o)) {
            checkReadable(vals.get(o), vals.raw(o), o.key, vals.origin(o));
        }
    }

    /**
     * Checks that the input {@code file} exists, is not a directory and is readable.
     *
     * @param given  the value as given, which the message quotes
     * @param what   the option's key
     * @param origin the message prefix of where it was given
     * @throws OptionException {@code cannot read WHAT file 'GIVEN': ...} naming the absolute path when it
     *                         differs from the given one
     */
    static void checkReadable(Path file, String given, String what, String origin) {
        String head = origin + "cannot read " + what + " file '" + given + "': ";
        boolean same = file.toString().equals(given);
        String f = same ? "file" : "file '" + file + "'";
        if (!Files.exists(file)) {
            throw new OptionException(head + f + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new OptionException(head + (same ? "it" : "'" + file + "'") + " is a directory");
        }
        if (!Files.isReadable(file)) {
            throw new OptionException(head + f + " is not readable");
        }
    }

    // ------------------------------------------------------------------------------------------ accessors

    /** The option names, in documentation order (unmodifiable). */
    public static List<String> optionNames() {
        return Option.names();
    }

    /**
     * Whether {@code option} was given, on the command line or in the config file.
     *
     * @throws IllegalArgumentException if {@code option} is not an option name
     */
    public boolean isSet(String option) {
        Option<?> o = Option.named(option);
        if (o == null) {
            throw new IllegalArgumentException("not an option: " + option);
        }
        return v.has(o);
    }

    /** What to do on a potential deadlock (default {@link OnCycle#REPORT}). */
    public OnCycle onCycle() {
        return v.get(Option.ON_CYCLE);
    }

    /** The exit status for {@code onCycle=exit}, 1 to 255 (default 1); given even with another {@code onCycle}. */
    public int exitCode() {
        return v.get(Option.EXIT_CODE).intValue();
    }

    /** The {@code jfr} option as given, for the output that checks and writes it; null when not given. */
    public OutputFile jfrOutput() {
        return output(Option.JFR, jfrFile());
    }

    /** The {@code dump} option as given; null when not given. */
    public OutputFile dumpOutput() {
        return output(Option.DUMP, dumpFile());
    }

    /** The {@code log} option as given when it names a file; null for {@code stderr}, {@code off} or none. */
    public OutputFile logOutput() {
        return output(Option.LOG, logFile());
    }

    private OutputFile output(Option<?> o, Path file) {
        return file == null ? null : new OutputFile(o.key, file, v.raw(o), v.origin(o));
    }

    /** The JFR output file (absolute), or null when not requested. */
    public Path jfrFile() {
        return v.get(Option.JFR);
    }

    /**
     * Where start-up keeps what it learns about the JDK's classes for the next JVM: the {@code cache} directory,
     * by default {@code jlockdep} under {@code $XDG_CACHE_HOME} or else {@code ~/.cache}; null with
     * {@code cache=off} or when there is no home directory.
     */
    public Path startupCacheDir() {
        Path p = v.get(Option.CACHE);
        if (p != null) {
            return p.toString().isEmpty() ? null : p;
        }
        try {
            String xdg = System.getenv("XDG_CACHE_HOME");
            if (xdg != null && Paths.get(xdg).isAbsolute()) {
                return Paths.get(xdg, "jlockdep");
            }
            String home = System.getProperty("user.home");
            if (home == null || home.isEmpty() || home.equals("?") || !Paths.get(home).isAbsolute()) {
                return null;
            }
            return Paths.get(home, ".cache", "jlockdep");
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /** Where reports go (default {@link LogTarget#STDERR}). */
    public LogTarget logTarget() {
        return v.get(Option.LOG);
    }

    /** The log file (absolute) when {@link #logTarget()} is a file, else null. */
    public Path logFile() {
        return logTarget().file();
    }

    /**
     * Globs of classes whose {@code synchronized} code is instrumented. Empty (the default) means: all
     * application classes and the JDK's default safe set.
     */
    public ClassGlobSet include() {
        return v.get(Option.INCLUDE);
    }

    /** Globs of classes never instrumented for {@code synchronized} (default empty). */
    public ClassGlobSet exclude() {
        return v.get(Option.EXCLUDE);
    }

    /** The same-class nesting policy (default {@link SameClassPolicy#INSTANCE}). */
    public SameClassPolicy sameClass() {
        return v.get(Option.SAME_CLASS);
    }

    /** The contract file to prime (absolute, existed and was readable at parse time), or null. */
    public Path contractFile() {
        return v.get(Option.CONTRACT);
    }

    /** The suppression file (absolute, existed and was readable at parse time), or null. */
    public Path suppressFile() {
        return v.get(Option.SUPPRESS);
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

    /**
     * Whether gated cycles (every edge taken while one lock instance was held exclusively) are reported with
     * their gate ({@code gated=report}) rather than only counted ({@code gated=ignore}, the default).
     */
    public boolean reportGated() {
        return v.get(Option.GATED).booleanValue();
    }

    /** Whether every new dependency edge is emitted as a JFR event (default false). */
    public boolean edges() {
        return v.get(Option.EDGES).booleanValue();
    }

    /** The file the learned graph is written to at exit (absolute), or null. */
    public Path dumpFile() {
        return v.get(Option.DUMP);
    }

    /** Whether the dump is Graphviz DOT (the dump file name ends in {@code .dot}, any case); false without dump. */
    public boolean dumpDot() {
        Path p = dumpFile();
        return p != null && p.getFileName() != null
                && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".dot");
    }

    /** The config file that was read (absolute), or null. */
    public Path configFile() {
        return v.get(Option.CONFIG);
    }

    /** User-declared wait points (unmodifiable, duplicates dropped, default empty). */
    public List<MethodPattern> waits() {
        return v.get(Option.WAITS);
    }

    /** User-declared signalling sections (unmodifiable, duplicates dropped, default empty). */
    public List<MethodPattern> sections() {
        return v.get(Option.SECTIONS);
    }

    /** Whether the waits and events of {@code java.util.concurrent}, threads and monitors are watched (default true). */
    public boolean events() {
        return v.get(Option.EVENTS).booleanValue();
    }

    /** Whether waits with a timeout are checked like the others ({@code timedWaits=check}, the default). */
    public boolean timedWaits() {
        return v.get(Option.TIMED_WAITS).booleanValue();
    }

    /** Whether first-seen stack traces are captured (default true). */
    public boolean stacks() {
        return v.get(Option.STACKS).booleanValue();
    }

    /** Held entries tracked per thread: the option, else the engine default (64). */
    public int maxDepth() {
        return v.get(Option.MAX_DEPTH).intValue();
    }

    /** Lock classes: the option, else the engine default (16384). */
    public int maxClasses() {
        return v.get(Option.MAX_CLASSES).intValue();
    }

    /** Dependency edges: the option, else the engine default (262144). */
    public int maxEdges() {
        return v.get(Option.MAX_EDGES).intValue();
    }

    /** Validated chains: the option, else the engine default (1048576). */
    public int maxChains() {
        return v.get(Option.MAX_CHAINS).intValue();
    }

    /** Stack frames stored across all traces: the option, else the engine default (2097152). */
    public int maxStackFrames() {
        return v.get(Option.MAX_STACK_FRAMES).intValue();
    }

    /** Frames kept per captured trace: the option, else the engine default (32). */
    public int framesPerTrace() {
        return v.get(Option.FRAMES_PER_TRACE).intValue();
    }

    /** Instance-order edges (same-class policy {@code instance}): the option, else the engine default (65536). */
    public int maxInstanceEdges() {
        return v.get(Option.MAX_INSTANCE_EDGES).intValue();
    }

    /**
     * Applies the engine settings to {@code builder}: {@code sameClass}, {@code stacks}
     * ({@code captureStacks}), {@code edges} ({@code reportEdges}), {@code gated} ({@code reportGated}) and every limit given explicitly (the
     * others keep the builder's values). Listener and frame prefixes are left to the caller.
     *
     * @return {@code builder}
     */
    public LockdepConfig.Builder configure(LockdepConfig.Builder builder) {
        builder.sameClass(sameClass()).captureStacks(stacks()).reportEdges(edges()).reportGated(reportGated());
        for (Option<?> o : Option.all()) {
            if (o instanceof OptionKinds.Limit && v.has(o)) {
                OptionKinds.Limit limit = (OptionKinds.Limit) o;
                limit.apply(builder, v.get(limit).intValue());
            }
        }
        return builder;
    }

    /**
     * The effective options on one line, for the start-up message: those with a default of their own
     * ({@code onCycle}, {@code exitCode}, {@code log}, {@code sameClass}, {@code gated}, {@code edges},
     * {@code events}, {@code timedWaits}, {@code stacks}) always, the others when given. Paths are absolute.
     * E.g. {@code onCycle=report, exitCode=1, log=stderr, sameClass=instance, gated=ignore, edges=off, events=on,
     * timedWaits=check, stacks=on}.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(160);
        for (Option<?> o : Option.all()) {
            String value = v.has(o) ? shown(o) : o.shownDefault();
            if (value != null) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(o.key).append('=').append(value);
            }
        }
        return Text.oneLine(sb.toString());
    }

    private <T> String shown(Option<T> o) {
        return o.show(v.get(o));
    }
}

package io.jlockdep.agent.config;

import io.jlockdep.core.SameClassPolicy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One agent option, defined once: its key, how its value is read (into a typed result), its default, the
 * example and the valid-values text of its error messages, and the one-line description the README table
 * check names. The subclasses in {@link OptionKinds} are the kinds of value; the constants here are the
 * options, in documentation order (the order of {@link AgentOptions#optionNames()}, of the start-up line
 * and of the "valid options" list).
 *
 * <p>Parsing runs in {@code premain}: no lambdas here (the first one bootstraps the lambda machinery, tens
 * of milliseconds of start-up); the kinds are small named classes, the limits anonymous ones.
 *
 * @param <T> the parsed value's type
 */
abstract class Option<T> {
    private static final List<Option<?>> DEFINED = new ArrayList<>(24);

    private static final String GLOBS = "class-name globs separated by ':', e.g. com.acme.*:org.example.Foo";
    private static final String[] ON_OFF = {"on", "off"};
    private static final Boolean[] TRUE_FALSE = {Boolean.TRUE, Boolean.FALSE};
    private static final Boolean[] TRUE_FALSE_REVERSED = {Boolean.FALSE, Boolean.TRUE};

    static final Option<OnCycle> ON_CYCLE = new OptionKinds.Choice<>("onCycle", "throw",
            "what to do on a potential deadlock", OnCycle.REPORT,
            new String[] {"report", "throw", "exit"}, OnCycle.values());
    static final Option<Integer> EXIT_CODE = new OptionKinds.Number("exitCode", "3",
            "the exit status of onCycle=exit", Integer.valueOf(1), 255);
    static final Option<Path> JFR = new OptionKinds.FilePath("jfr", "out.jfr",
            "record the jlockdep events into a file", true);
    static final Option<LogTarget> LOG = new OptionKinds.Log("log", "jlockdep.log",
            "where the human-readable reports go");
    static final Option<ClassGlobSet> INCLUDE = new OptionKinds.Globs("include", "com.acme.*", GLOBS,
            "classes whose synchronized code is rewritten");
    static final Option<ClassGlobSet> EXCLUDE = new OptionKinds.Globs("exclude", "com.acme.generated.*", GLOBS,
            "classes whose synchronized code is never rewritten");
    static final Option<SameClassPolicy> SAME_CLASS = new OptionKinds.Choice<>("sameClass", "strict",
            "the same-class nesting policy", SameClassPolicy.INSTANCE,
            new String[] {"instance", "strict", "off"}, SameClassPolicy.values());
    static final Option<Path> CONTRACT = new OptionKinds.FilePath("contract", "locks.contract",
            "declared lock orders to prime", false);
    static final Option<Path> SUPPRESS = new OptionKinds.FilePath("suppress", "jlockdep.suppress",
            "cycle ids or lock-class globs not to report", false);
    static final Option<Boolean> GATED = new OptionKinds.Choice<>("gated", "report",
            "cycles whose every edge ran under one lock instance", Boolean.FALSE,
            new String[] {"ignore", "report"}, TRUE_FALSE_REVERSED);
    static final Option<Boolean> EDGES = new OptionKinds.Choice<>("edges", "on",
            "record every new dependency edge as a JFR event", Boolean.FALSE, ON_OFF, TRUE_FALSE);
    static final Option<Path> DUMP = new OptionKinds.FilePath("dump", "graph.dot",
            "write the learned graph at exit (Graphviz for *.dot)", true);
    static final Option<Path> CONFIG = new OptionKinds.FilePath("config", "jlockdep.properties",
            "a properties file of options (command line only)", false);
    static final Option<List<MethodPattern>> WAITS = new OptionKinds.Methods("waits", "com.acme.Latch#await",
            "Class#method patterns separated by ':', e.g. com.acme.Latch#await:com.acme.*#join",
            "declared wait points");
    static final Option<List<MethodPattern>> SECTIONS = new OptionKinds.Methods("sections",
            "com.acme.Worker#complete",
            "Class#method patterns separated by ':', e.g. com.acme.Worker#complete:com.acme.io.*#onData",
            "declared signalling sections");
    static final Option<Boolean> EVENTS = new OptionKinds.Choice<>("events", "off",
            "watch the waits and events of java.util.concurrent, Thread and monitors", Boolean.TRUE, ON_OFF,
            TRUE_FALSE);
    static final Option<Boolean> TIMED_WAITS = new OptionKinds.Choice<>("timedWaits", "ignore",
            "check waits that have a timeout", Boolean.TRUE, new String[] {"check", "ignore"}, TRUE_FALSE);
    static final OptionKinds.Limit MAX_DEPTH = new OptionKinds.Limit("maxDepth", "128",
            "held entries tracked per thread", OptionKinds.Limit.Setting.DEPTH);
    static final OptionKinds.Limit MAX_CLASSES = new OptionKinds.Limit("maxClasses", "32768",
            "lock classes", OptionKinds.Limit.Setting.CLASSES);
    static final OptionKinds.Limit MAX_EDGES = new OptionKinds.Limit("maxEdges", "524288",
            "dependency edges", OptionKinds.Limit.Setting.EDGES);
    static final OptionKinds.Limit MAX_CHAINS = new OptionKinds.Limit("maxChains", "2097152",
            "validated chains", OptionKinds.Limit.Setting.CHAINS);
    static final OptionKinds.Limit MAX_STACK_FRAMES = new OptionKinds.Limit("maxStackFrames", "4194304",
            "stack frames stored across all traces", OptionKinds.Limit.Setting.STACK_FRAMES);
    static final OptionKinds.Limit FRAMES_PER_TRACE = new OptionKinds.Limit("framesPerTrace", "64",
            "frames kept per captured trace", OptionKinds.Limit.Setting.FRAMES_PER_TRACE);
    static final OptionKinds.Limit MAX_INSTANCE_EDGES = new OptionKinds.Limit("maxInstanceEdges", "131072",
            "instance-order edges (sameClass=instance)", OptionKinds.Limit.Setting.INSTANCE_EDGES);
    static final Option<Boolean> STACKS = new OptionKinds.Choice<>("stacks", "off",
            "capture the first-seen stack of every edge", Boolean.TRUE, ON_OFF, TRUE_FALSE);
    static final Option<Path> CACHE = new OptionKinds.Directory("cache", "off",
            "where start-up keeps what it learned about the JDK's classes, for the next JVM");

    private static final List<Option<?>> ALL = Collections.unmodifiableList(DEFINED);
    private static final String[] KEYS;
    private static final List<String> NAMES;
    private static final String VALID_OPTIONS;

    static {
        KEYS = new String[ALL.size()];
        for (int i = 0; i < KEYS.length; i++) {
            KEYS[i] = ALL.get(i).key;
        }
        List<String> names = new ArrayList<>(KEYS.length);
        Collections.addAll(names, KEYS);
        NAMES = Collections.unmodifiableList(names);
        VALID_OPTIONS = String.join(", ", KEYS);
    }

    /** The option's key, e.g. {@code onCycle}. */
    final String key;
    /** Position in documentation order; indexes {@link OptionValues}. */
    final int index;
    /** A valid value, for "needs a value, e.g. KEY=EXAMPLE". */
    final String example;
    /** The valid values, for "(valid: ...)". */
    final String valid;
    /** One line on what the option does. */
    final String description;
    /** The value when the option is not given; null for none (and for the engine's limits, see Limit). */
    private final T dflt;

    Option(String key, String example, String valid, String description, T dflt) {
        this.key = key;
        this.example = example;
        this.valid = valid;
        this.description = description;
        this.dflt = dflt;
        this.index = DEFINED.size();
        DEFINED.add(this);
    }

    /**
     * Reads {@code value} (trimmed, non-empty).
     *
     * @param base   the directory relative paths are resolved against
     * @param origin the message prefix of the source: {@code ""} or {@code config file 'F': }
     * @throws OptionException naming the option and the valid values
     */
    abstract T parse(String value, Path base, String origin);

    /** The value as the start-up line shows it. */
    String show(T value) {
        return String.valueOf(value);
    }

    /** The value when the option is not given, or null when there is none. */
    T defaultValue() {
        return dflt;
    }

    /**
     * The default as the start-up line shows it even when the option is not given, or null when the line
     * leaves the option out unless given (no default, an empty list, or the engine's limit).
     */
    final String shownDefault() {
        String s = dflt == null ? null : show(dflt);
        return s == null || s.isEmpty() ? null : s;
    }

    /** The options in documentation order (unmodifiable). */
    static List<Option<?>> all() {
        return ALL;
    }

    /** The keys in documentation order (unmodifiable). */
    static List<String> names() {
        return NAMES;
    }

    /** The option named {@code key}, or null. */
    static Option<?> named(String key) {
        for (int i = 0; i < ALL.size(); i++) {
            if (ALL.get(i).key.equals(key)) {
                return ALL.get(i);
            }
        }
        return null;
    }

    /**
     * The option named {@code key} (from the item {@code item}, quoted when the key is empty).
     *
     * @throws OptionException for an empty or unknown key, naming the valid ones and a near miss
     */
    static Option<?> lookup(String key, String item, String origin) {
        if (key.isEmpty()) {
            throw new OptionException(origin + "missing option name in '" + item + "' (valid options: "
                    + VALID_OPTIONS + ")");
        }
        Option<?> o = named(key);
        if (o != null) {
            return o;
        }
        String near = Text.suggest(key, KEYS);
        throw new OptionException(origin + "unknown option '" + key + "'"
                + (near == null ? "" : ", did you mean '" + near + "'?") + " (valid options: " + VALID_OPTIONS + ")");
    }

    final OptionException needsValue(String origin) {
        return new OptionException(origin + "option '" + key + "' needs a value, e.g. " + key + "=" + example);
    }

    /** A bad value, with an optional reason (after {@code :}) and near miss. */
    final OptionException badValue(String origin, String value, String reason, String near) {
        return new OptionException(origin + "bad value '" + value + "' for option '" + key + "'"
                + (reason == null ? "" : ": " + reason)
                + (near == null ? "" : ", did you mean '" + near + "'?")
                + " (valid: " + valid + ")");
    }

    @Override
    public String toString() {
        return key;
    }
}

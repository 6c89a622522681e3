package io.jlockdep.demo.scenario;

import java.util.List;
import java.util.Locale;

/**
 * One runnable scenario: a piece of driver activity on a fresh simulated machine, or of everyday Java code on
 * fresh objects (its {@link Part}), either with one deliberate mistake ({@link Expected#INVERSION}: jlockdep
 * must report it) or correct ({@link Expected#CLEAN}: jlockdep must stay silent). Running it never deadlocks
 * for real: the two halves of every inversion run one after the other, and every wait is bounded.
 */
public final class Scenario {
    /** What jlockdep should find. */
    public enum Expected {
        /** A potential deadlock. */
        INVERSION,
        /** Nothing. */
        CLEAN;

        /** {@code inversion} or {@code clean}, as {@code list} prints it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The part of the tour a scenario belongs to. */
    public enum Part {
        /** The simulated GPU and display driver stack on the fence core. */
        DRIVERS("a GPU and display driver stack", "the driver stack"),
        /** Small everyday Java classes: accounts, a cache, an order desk, a dispatcher. */
        EVERYDAY("everyday Java", "everyday Java");

        private final String title;
        private final String shortTitle;

        Part(String title, String shortTitle) {
            this.title = title;
            this.shortTitle = shortTitle;
        }

        /** How the tour names it, e.g. {@code everyday Java}. */
        public String title() {
            return title;
        }

        /** How the tour's summary names it, e.g. {@code the driver stack}. */
        public String shortTitle() {
            return shortTitle;
        }
    }

    /** The scenario's work. */
    @FunctionalInterface
    public interface Body {
        /** Runs the scenario; returns one line saying what ran. */
        String run() throws Exception;
    }

    private final String name;
    private final Part part;
    private final Expected expected;
    private final String description;
    private final String rule;
    private final String expectedKind;
    private final List<String> expectedClasses;
    private final Body body;

    Scenario(String name, Part part, Expected expected, String description, String rule, String expectedKind,
             List<String> expectedClasses, Body body) {
        this.name = name;
        this.part = part;
        this.expected = expected;
        this.description = description;
        this.rule = rule;
        this.expectedKind = expectedKind;
        this.expectedClasses = List.copyOf(expectedClasses);
        this.body = body;
    }

    /**
     * A driver scenario with one deliberate mistake, whose finding has {@code kind} and involves each of
     * {@code classes}.
     */
    static Scenario inversion(String name, String description, String rule, String kind, List<String> classes, Body body) {
        return inversion(Part.DRIVERS, name, description, rule, kind, classes, body);
    }

    /** A correct driver scenario. */
    static Scenario clean(String name, String description, String rule, Body body) {
        return clean(Part.DRIVERS, name, description, rule, body);
    }

    /**
     * A scenario of {@code part} with one deliberate mistake, whose finding has {@code kind} and involves each
     * of {@code classes}.
     */
    public static Scenario inversion(Part part, String name, String description, String rule, String kind,
                                     List<String> classes, Body body) {
        return new Scenario(name, part, Expected.INVERSION, description, rule, kind, classes, body);
    }

    /** A correct scenario of {@code part}. */
    public static Scenario clean(Part part, String name, String description, String rule, Body body) {
        return new Scenario(name, part, Expected.CLEAN, description, rule, null, List.of(), body);
    }

    /** Short kebab-case name, e.g. {@code wait-under-lock}. */
    public String name() {
        return name;
    }

    /** The part of the tour it belongs to. */
    public Part part() {
        return part;
    }

    /** What jlockdep should find. */
    public Expected expected() {
        return expected;
    }

    /** One line: what the scenario does (and, for a mistake, what the mistake is). */
    public String description() {
        return description;
    }

    /** The rule it demonstrates. */
    public String rule() {
        return rule;
    }

    /** For an inversion: the kind of finding expected ({@code circular}, {@code instance-inversion}); else null. */
    public String expectedKind() {
        return expectedKind;
    }

    /** For an inversion: parts of the lock class names the finding's cycle involves. */
    public List<String> expectedClasses() {
        return expectedClasses;
    }

    /** Runs it on a fresh machine; returns one line saying what ran. */
    public String run() throws Exception {
        return body.run();
    }

    @Override
    public String toString() {
        return name;
    }
}

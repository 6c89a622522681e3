package io.jlockdep.demo.scenario;

import java.util.List;
import java.util.Locale;

/**
 * One runnable scenario: a piece of driver activity on a fresh simulated machine, either with one
 * deliberate mistake ({@link Expected#INVERSION}: jlockdep must report it) or correct
 * ({@link Expected#CLEAN}: jlockdep must stay silent). Running it never deadlocks for real: the two
 * halves of every inversion run one after the other, and every wait is bounded.
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

    /** The scenario's work. */
    @FunctionalInterface
    public interface Body {
        /** Runs the scenario; returns one line saying what ran. */
        String run() throws Exception;
    }

    private final String name;
    private final Expected expected;
    private final String description;
    private final String rule;
    private final String expectedKind;
    private final List<String> expectedClasses;
    private final Body body;

    Scenario(String name, Expected expected, String description, String rule, String expectedKind,
             List<String> expectedClasses, Body body) {
        this.name = name;
        this.expected = expected;
        this.description = description;
        this.rule = rule;
        this.expectedKind = expectedKind;
        this.expectedClasses = List.copyOf(expectedClasses);
        this.body = body;
    }

    /** A scenario with one deliberate mistake, whose finding has {@code kind} and involves each of {@code classes}. */
    static Scenario inversion(String name, String description, String rule, String kind, List<String> classes, Body body) {
        return new Scenario(name, Expected.INVERSION, description, rule, kind, classes, body);
    }

    /** A correct scenario. */
    static Scenario clean(String name, String description, String rule, Body body) {
        return new Scenario(name, Expected.CLEAN, description, rule, null, List.of(), body);
    }

    /** Short kebab-case name, e.g. {@code wait-under-lock}. */
    public String name() {
        return name;
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

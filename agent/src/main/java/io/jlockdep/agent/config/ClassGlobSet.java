package io.jlockdep.agent.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A list of {@link ClassGlob}s that matches a name when any of them does (options {@code include} and
 * {@code exclude}; the glob lines of a suppression file). The empty set matches nothing; what an empty
 * {@code include} means is up to its user (see {@link AgentOptions#include()}). Immutable, thread-safe;
 * matching allocates nothing and never throws.
 */
public final class ClassGlobSet {
    private static final ClassGlobSet EMPTY = new ClassGlobSet(List.<ClassGlob>of());

    private final List<ClassGlob> globs;

    private ClassGlobSet(List<ClassGlob> globs) {
        this.globs = globs;
    }

    /** The set matching nothing. */
    public static ClassGlobSet empty() {
        return EMPTY;
    }

    /**
     * The set of the given globs, in order, duplicates dropped.
     *
     * @throws NullPointerException if the collection or an element is null
     */
    public static ClassGlobSet of(Collection<ClassGlob> globs) {
        List<ClassGlob> list = List.copyOf(new LinkedHashSet<>(globs));
        return list.isEmpty() ? EMPTY : new ClassGlobSet(list);
    }

    /**
     * The set of the given patterns, each taken verbatim (see {@link ClassGlob#of}).
     *
     * @throws NullPointerException if a pattern is null
     */
    public static ClassGlobSet of(String... patterns) {
        List<ClassGlob> list = new ArrayList<>(patterns.length);
        for (String p : patterns) {
            list.add(ClassGlob.of(p));
        }
        return of(list);
    }

    /** Whether any glob matches {@code name}; false for null or an empty set. Never throws. */
    public boolean matches(String name) {
        return firstMatch(name) != null;
    }

    /** The first glob matching {@code name}, or null. Never throws. */
    public ClassGlob firstMatch(String name) {
        for (int i = 0; i < globs.size(); i++) {
            if (globs.get(i).matches(name)) {
                return globs.get(i);
            }
        }
        return null;
    }

    /** Whether the set holds no glob. */
    public boolean isEmpty() {
        return globs.isEmpty();
    }

    /** The globs, in order (unmodifiable). */
    public List<ClassGlob> globs() {
        return globs;
    }

    /** Equal when the same globs are in the same order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ClassGlobSet && ((ClassGlobSet) o).globs.equals(globs);
    }

    @Override
    public int hashCode() {
        return globs.hashCode();
    }

    /** The patterns separated by {@code :}, as in the option value. */
    @Override
    public String toString() {
        return Text.join(":", globs);
    }
}

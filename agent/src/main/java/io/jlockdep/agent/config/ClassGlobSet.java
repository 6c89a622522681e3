package io.jlockdep.agent.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * A list of {@link ClassGlob}s that matches a name when any of them does (options {@code include} and
 * {@code exclude}; the glob lines of a suppression file). The empty set matches nothing; what an empty
 * {@code include} means is up to its user (see {@link AgentOptions#include()}). Immutable, thread-safe;
 * matching allocates nothing and never throws.
 */
public final class ClassGlobSet {
    private static final ClassGlobSet EMPTY = new ClassGlobSet(new ClassGlob[0]);

    private final ClassGlob[] globs;

    private ClassGlobSet(ClassGlob[] globs) {
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
        List<ClassGlob> list = new ArrayList<>(globs.size());
        for (ClassGlob g : globs) {
            if (g == null) {
                throw new NullPointerException("glob");
            }
            if (!list.contains(g)) {
                list.add(g);
            }
        }
        return list.isEmpty() ? EMPTY : new ClassGlobSet(list.toArray(new ClassGlob[0]));
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
        if (name == null) {
            return false;
        }
        for (ClassGlob g : globs) {
            if (g.matches(name)) {
                return true;
            }
        }
        return false;
    }

    /** The first glob matching {@code name}, or null. Never throws. */
    public ClassGlob firstMatch(String name) {
        if (name == null) {
            return null;
        }
        for (ClassGlob g : globs) {
            if (g.matches(name)) {
                return g;
            }
        }
        return null;
    }

    /** The globs, in order; the caller must not modify the array. */
    ClassGlob[] array() {
        return globs;
    }

    /** Whether the set holds no glob. */
    public boolean isEmpty() {
        return globs.length == 0;
    }

    /** The globs, in order (unmodifiable). */
    public List<ClassGlob> globs() {
        List<ClassGlob> list = new ArrayList<>(globs.length);
        Collections.addAll(list, globs);
        return Collections.unmodifiableList(list);
    }

    /** Equal when the same globs are in the same order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ClassGlobSet && java.util.Arrays.equals(((ClassGlobSet) o).globs, globs);
    }

    /** Hash of the globs. */
    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(globs);
    }

    /** The patterns separated by {@code :}, as in the option value. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < globs.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(globs[i].pattern());
        }
        return sb.toString();
    }
}

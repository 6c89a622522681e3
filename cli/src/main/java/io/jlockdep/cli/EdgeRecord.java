package io.jlockdep.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One dependency edge as recorded ({@code io.jlockdep.DependencyEdge}): {@code from} was held while
 * {@code to} was acquired, first seen in {@code thread} with {@code stack}, in {@link #recording}.
 */
final class EdgeRecord {
    final String from;
    final String to;
    /** {@code EN}, {@code ER}, {@code SN} or {@code SR}. */
    final String type;
    final String thread;
    /** The stack text, one {@code \tat frame} line per frame, innermost first; may be empty. */
    final String stack;
    /** {@code observed}, or the contract's {@code FILE:LINE}. */
    final String origin;
    /** What the program was doing (e.g. the running test); empty when unknown. */
    final String context;
    /** The recording (as named on the command line) this edge was first seen in. */
    final String recording;
    /** Other recordings that have the same edge (merge only). */
    final List<String> alsoIn;
    private List<Frame> frames;

    EdgeRecord(String from, String to, String type, String thread, String stack, String origin, String context,
               String recording, List<String> alsoIn) {
        this.from = Strings.nn(from);
        this.to = Strings.nn(to);
        this.type = Strings.nn(type);
        this.thread = Strings.nn(thread);
        this.stack = Strings.nn(stack);
        this.origin = origin == null || origin.isEmpty() ? "observed" : origin;
        this.context = Strings.nn(context);
        this.recording = recording;
        this.alsoIn = alsoIn == null ? Collections.<String>emptyList()
                : Collections.unmodifiableList(new ArrayList<>(alsoIn));
    }

    /** This edge, seen also in {@code others}. */
    EdgeRecord withAlsoIn(List<String> others) {
        return new EdgeRecord(from, to, type, thread, stack, origin, context, recording, others);
    }

    /** The parsed stack, innermost first. */
    List<Frame> frames() {
        if (frames == null) {
            frames = Frame.parseStack(stack);
        }
        return frames;
    }

    /** Whether the order was seen at run time (not declared in a contract). */
    boolean observed() {
        return "observed".equals(origin);
    }

    /** The key of an edge in a graph union: from, to and type. */
    String key() {
        return key(from, to, type);
    }

    /** The key of the edge {@code from -> to} of type {@code type} (null read as empty, as the fields are). */
    static String key(String from, String to, String type) {
        return Strings.nn(from) + "\u0000" + Strings.nn(to) + "\u0000" + Strings.nn(type);
    }
}

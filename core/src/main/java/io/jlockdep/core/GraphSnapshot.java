package io.jlockdep.core;

import java.util.Collections;
import java.util.List;

/** A point-in-time copy of the class dependency graph, for dumps and tests. */
public final class GraphSnapshot {
    /** Node labels of {@link #toDot()} are cut to this many characters (the node id keeps the whole name). */
    private static final int MAX_LABEL = 120;
    /** Characters per piece of a long DOT string (see {@link #quote}). */
    private static final int MAX_PIECE = 4000;

    private final List<String> classes;
    private final List<Edge> edges;

    GraphSnapshot(List<String> classes, List<Edge> edges) {
        this.classes = Collections.unmodifiableList(classes);
        this.edges = Collections.unmodifiableList(edges);
    }

    /** All tracked class names, in creation order. */
    public List<String> classes() {
        return classes;
    }

    /** All stored edges. */
    public List<Edge> edges() {
        return edges;
    }

    /** One line per edge: {@code from -> to [EN,SN]}; names escaped for humans ({@link HumanText}). */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("# jlockdep dependency graph: ").append(classes.size()).append(" classes, ")
                .append(edges.size()).append(" edges\n");
        for (Edge e : edges) {
            sb.append(HumanText.escape(e.from())).append(" -> ").append(HumanText.escape(e.to())).append(" [").append(EdgeType.names(e.types()))
                    .append("]\n");
        }
        return sb.toString();
    }

    /** The graph in Graphviz DOT; names escaped for humans ({@link HumanText}), long labels shortened. */
    public String toDot() {
        StringBuilder sb = new StringBuilder("digraph jlockdep {\n  node [shape=box];\n");
        for (String c : classes) {
            sb.append("  ").append(quote(c));
            String name = HumanText.escape(c);
            String label = HumanText.shorten(name, MAX_LABEL);
            StringBuilder attrs = new StringBuilder();
            if (!label.equals(name)) {
                attrs.append("label=").append(quote(label));
            }
            if (LockClass.isEventName(c)) {
                // an event, not a lock: what a wait waits for
                attrs.append(attrs.length() > 0 ? ", " : "").append("style=dashed");
            }
            if (attrs.length() > 0) {
                sb.append(" [").append(attrs).append(']');
            }
            sb.append(";\n");
        }
        for (Edge e : edges) {
            sb.append("  ").append(quote(e.from())).append(" -> ").append(quote(e.to()))
                    .append(" [label=").append(quote(EdgeType.names(e.types()))).append("];\n");
        }
        return sb.append("}\n").toString();
    }

    /**
     * A DOT quoted string of a name escaped for humans ({@link HumanText}); a long one in pieces joined with
     * DOT's {@code +}, as Graphviz rejects a quoted string longer than 16,384 bytes.
     */
    private static String quote(String s) {
        String h = HumanText.escape(s);
        StringBuilder sb = new StringBuilder(h.length() + 8).append('"');
        int from = 0;
        while (from < h.length()) {
            int end = Math.min(h.length(), from + MAX_PIECE);
            if (end < h.length() && Character.isHighSurrogate(h.charAt(end - 1))) {
                end--; // never inside a surrogate pair
            }
            if (from > 0) {
                sb.append("\" + \"");
            }
            sb.append(h.substring(from, end).replace("\\", "\\\\").replace("\"", "\\\""));
            from = end;
        }
        return sb.append('"').toString();
    }

    /** One edge of the snapshot. */
    public static final class Edge {
        private final String from;
        private final String to;
        private final int types;

        Edge(String from, String to, int types) {
            this.from = from;
            this.to = to;
            this.types = types;
        }

        /** The class held. */
        public String from() {
            return from;
        }

        /** The class acquired. */
        public String to() {
            return to;
        }

        /** The edge's types as {@link EdgeType#bit()} bits. */
        public int types() {
            return types;
        }

        @Override
        public String toString() {
            return from + " -> " + to + " [" + EdgeType.names(types) + "]";
        }
    }
}

package io.jlockdep.core;

import java.util.Collections;
import java.util.List;

/** A point-in-time copy of the class dependency graph, for dumps and tests. */
public final class GraphSnapshot {
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

    /** One line per edge: {@code from -> to [EN,SN]}. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("# jlockdep dependency graph: ").append(classes.size()).append(" classes, ")
                .append(edges.size()).append(" edges\n");
        for (Edge e : edges) {
            sb.append(e.from()).append(" -> ").append(e.to()).append(" [").append(EdgeType.names(e.types()))
                    .append("]\n");
        }
        return sb.toString();
    }

    /** The graph in Graphviz DOT. */
    public String toDot() {
        StringBuilder sb = new StringBuilder("digraph jlockdep {\n  node [shape=box];\n");
        for (String c : classes) {
            sb.append("  ").append(quote(c)).append(";\n");
        }
        for (Edge e : edges) {
            sb.append("  ").append(quote(e.from())).append(" -> ").append(quote(e.to()))
                    .append(" [label=").append(quote(EdgeType.names(e.types()))).append("];\n");
        }
        return sb.append("}\n").toString();
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
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

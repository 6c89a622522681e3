package io.jlockdep.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --format dot}: a Graphviz digraph of the findings' cycles. One node per lock class, one edge per
 * (from, to, type) of any cycle, labelled with its type (and, for merged findings, the recording it was
 * first seen in); the cycle ids are in each edge's tooltip. Render with {@code dot -Tsvg}.
 */
final class DotOutput {
    private DotOutput() {
    }

    static String render(Outcome o) {
        Map<String, String> nodes = new LinkedHashMap<>();
        Map<String, List<String>> edgeIds = new LinkedHashMap<>();
        Map<String, EdgeRecord> edges = new LinkedHashMap<>();
        Map<String, Boolean> edgeMerged = new LinkedHashMap<>();
        for (FindingRecord f : o.findings) {
            for (String l : f.locks()) {
                if (!nodes.containsKey(l)) {
                    nodes.put(l, "n" + nodes.size());
                }
            }
            for (EdgeRecord e : f.edges) {
                String key = e.key();
                List<String> ids = edgeIds.get(key);
                if (ids == null) {
                    ids = new ArrayList<>();
                    edgeIds.put(key, ids);
                    edges.put(key, e);
                    edgeMerged.put(key, f.merged);
                }
                if (!ids.contains(f.cycleId)) {
                    ids.add(f.cycleId);
                }
            }
        }
        StringBuilder sb = new StringBuilder(2048);
        sb.append("digraph \"jlockdep\" {\n");
        sb.append("  graph [label=").append(quote(o.summary())).append(", labelloc=\"t\", rankdir=\"LR\"];\n");
        sb.append("  node [shape=\"box\", fontname=\"monospace\"];\n");
        sb.append("  edge [fontname=\"monospace\"];\n");
        for (Map.Entry<String, String> n : nodes.entrySet()) {
            sb.append("  ").append(n.getValue()).append(" [label=").append(quote(n.getKey())).append("];\n");
        }
        for (Map.Entry<String, EdgeRecord> en : edges.entrySet()) {
            EdgeRecord e = en.getValue();
            String label = e.type;
            if (edgeMerged.get(en.getKey())) {
                label = e.type + "\n" + (e.recording == null ? "contract" : e.recording);
            }
            sb.append("  ").append(nodes.get(e.from)).append(" -> ").append(nodes.get(e.to)).append(" [label=")
                    .append(quote(label)).append(", tooltip=")
                    .append(quote("cycle id " + String.join(", ", edgeIds.get(en.getKey())) + ": " + e.from + " -("
                            + e.type + ")-> " + e.to + (e.observed() ? ", first seen in thread \"" + e.thread + "\""
                            : ", declared in contract " + e.origin)))
                    .append("];\n");
        }
        sb.append("}\n");
        return sb.toString();
    }

    /**
     * A DOT quoted string: {@code "} and {@code \} escaped with a backslash (a lone backslash would start
     * one of Graphviz's label escapes), line breaks as {@code \n}, other control characters dropped.
     */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                continue;
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}

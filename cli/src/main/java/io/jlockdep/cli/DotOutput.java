package io.jlockdep.cli;

import io.jlockdep.core.HumanText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --format dot}: a Graphviz digraph of the findings' cycles. One node per lock class, one edge per
 * (from, to, type) of any cycle, labelled with its type (and, for merged findings, the recording it was
 * first seen in); the cycle ids are in each edge's tooltip. Names are escaped for humans ({@link Strings#oneLine});
 * a label longer than {@link #MAX_LABEL} characters is cut in the middle, the node's tooltip keeping the whole
 * name. Render with {@code dot -Tsvg}.
 */
final class DotOutput {
    /** Node and edge labels are cut to this many characters (the full name is the node's tooltip). */
    static final int MAX_LABEL = 120;
    /** Characters per piece of a long quoted string (see {@link #quote}). */
    static final int MAX_PIECE = 4000;

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
        sb.append("  graph [label=").append(quote(Strings.oneLine(o.summary()))).append(", labelloc=\"t\", rankdir=\"LR\"];\n");
        sb.append("  node [shape=\"box\", fontname=\"monospace\"];\n");
        sb.append("  edge [fontname=\"monospace\"];\n");
        for (Map.Entry<String, String> n : nodes.entrySet()) {
            String name = Strings.oneLine(n.getKey());
            String label = HumanText.shorten(name, MAX_LABEL);
            sb.append("  ").append(n.getValue()).append(" [label=").append(quote(label));
            if (!label.equals(name)) {
                sb.append(", tooltip=").append(quote(name));
            }
            if (Waits.isEvent(n.getKey())) {
                // an event, not a lock: dashed, as the agent's graph dump draws it
                sb.append(", style=\"dashed\"");
            }
            sb.append("];\n");
        }
        for (Map.Entry<String, EdgeRecord> en : edges.entrySet()) {
            EdgeRecord e = en.getValue();
            String type = Strings.oneLine(e.type);
            String label = type;
            if (edgeMerged.get(en.getKey())) {
                // the one line break of a label is ours: type, then where the edge was first seen
                label = type + "\n" + HumanText.shorten(e.recording == null ? "contract" : Strings.oneLine(e.recording),
                        MAX_LABEL);
            }
            sb.append("  ").append(nodes.get(e.from)).append(" -> ").append(nodes.get(e.to)).append(" [label=")
                    .append(quote(label)).append(", tooltip=")
                    .append(quote(Strings.oneLine("cycle id " + String.join(", ", edgeIds.get(en.getKey())) + ": "
                            + e.from + " -(" + e.type + ")-> " + e.to + (e.observed() ? ", first seen in thread \""
                            + e.thread + "\"" : ", declared in contract " + e.origin))))
                    .append("];\n");
        }
        sb.append("}\n");
        return sb.toString();
    }

    /**
     * A DOT quoted string: {@code "} and {@code \\} escaped with a backslash (a lone backslash would start
     * one of Graphviz's label escapes), line breaks as {@code \n}, other control characters dropped (names
     * reach here escaped by {@link Strings#oneLine}). Graphviz rejects a quoted string longer than 16,384
     * bytes, so a long one is written as pieces joined with DOT's {@code +} ({@code "…" + "…"}), which
     * Graphviz concatenates.
     */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        sb.append('"');
        int piece = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // at most 3 bytes of UTF-8 (or 2 escaped) per char: a piece stays far below the limit
            if (piece >= MAX_PIECE && !Character.isLowSurrogate(c)) {
                sb.append("\" + \"");
                piece = 0;
            }
            piece++;
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

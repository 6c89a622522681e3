package io.jlockdep.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --format sarif}: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. One rule per finding
 * kind ({@code jlockdep/circular} …), one result per finding the baseline does not accept: its primary
 * location is the first frame in program code of the closing acquisition (for a merged finding, of its
 * first edge), the edges' first program frames are related locations, each edge's program frames a thread
 * flow, and the cycle id is the partial fingerprint.
 */
final class SarifOutput {
    static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    /** The partial fingerprint key carrying the cycle id. */
    static final String FINGERPRINT = "jlockdepCycleId/v1";
    private static final int MAX_FLOW_FRAMES = 20;

    private SarifOutput() {
    }

    static String render(Outcome o, SourceLocator sources) {
        List<Kinds.Kind> rules = new ArrayList<>(Kinds.ALL);
        for (FindingRecord f : o.findings) {
            if (indexOf(rules, f.kind) < 0) {
                rules.add(Kinds.of(f.kind));
            }
        }
        JsonWriter w = new JsonWriter();
        w.beginObject();
        w.field("$schema", SCHEMA);
        w.field("version", "2.1.0");
        w.name("runs").beginArray().beginObject();
        w.name("tool").beginObject().name("driver").beginObject();
        w.field("name", Version.NAME);
        w.field("informationUri", Version.informationUri());
        if (Version.known()) {
            w.field("version", Version.version());
            w.field("semanticVersion", Version.version());
        }
        w.name("rules").beginArray();
        for (Kinds.Kind k : rules) {
            rule(w, k);
        }
        w.endArray();
        w.endObject().endObject();
        w.name("originalUriBaseIds").beginObject().name(SourceLocator.SRCROOT).beginObject()
                .field("uri", sources.srcRootUri()).endObject().endObject();
        w.name("results").beginArray();
        for (FindingRecord f : o.findings) {
            result(w, f, indexOf(rules, f.kind), sources);
        }
        w.endArray();
        w.name("properties").beginObject();
        w.field("command", o.command.id());
        w.field("summary", o.summary());
        w.field("recordings", o.recordingNames());
        w.field("acceptedByBaseline", o.accepted.size());
        w.endObject();
        w.endObject().endArray();
        w.endObject();
        return w.finish();
    }

    private static int indexOf(List<Kinds.Kind> rules, String kind) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).id.equals(kind)) {
                return i;
            }
        }
        return -1;
    }

    private static void rule(JsonWriter w, Kinds.Kind k) {
        w.beginObject();
        w.field("id", k.ruleId());
        w.field("name", k.ruleName);
        w.name("shortDescription").beginObject().field("text", k.shortDescription).endObject();
        w.name("fullDescription").beginObject().field("text", k.fullDescription).endObject();
        w.name("help").beginObject().field("text", k.help)
                .field("markdown", "**" + k.shortDescription + "**\n\n" + k.fullDescription + "\n\n" + k.help)
                .endObject();
        w.name("defaultConfiguration").beginObject().field("level", "error").endObject();
        w.name("properties").beginObject();
        w.name("tags").beginArray().value("concurrency").value("deadlock").value("jlockdep").endArray();
        w.field("precision", "high");
        w.field("problem.severity", "error");
        w.endObject();
        w.endObject();
    }

    private static void result(JsonWriter w, FindingRecord f, int ruleIndex, SourceLocator sources) {
        Kinds.Kind k = Kinds.of(f.kind);
        w.beginObject();
        w.field("ruleId", k.ruleId());
        w.field("ruleIndex", ruleIndex);
        w.field("level", "error");
        String head = f.headline();
        w.name("message").beginObject()
                .field("text", Strings.oneLine(Character.toUpperCase(head.charAt(0)) + head.substring(1)))
                .endObject();

        // Primary: the closing acquisition's first program frame; else the first edge that has one; else a
        // lock's allocation site or class; else the recording itself (GitHub rejects results without one).
        Frame primary = Frame.firstProgramFrame(f.frames());
        EdgeRecord primaryEdge = f.edges.isEmpty() ? null : f.edges.get(0);
        if (primary == null) {
            for (EdgeRecord e : f.edges) {
                primary = Frame.firstProgramFrame(e.frames());
                if (primary != null) {
                    primaryEdge = e;
                    break;
                }
            }
        }
        if (primary == null) {
            primary = lockSite(f);
        }
        SourceLocator.Location loc = primary == null ? null : sources.locate(primary);
        if (loc == null && !f.recordings().isEmpty()) {
            loc = sources.file(f.recordings().get(0));
        }
        if (loc != null) {
            String what = primaryEdge != null
                    ? Waits.sentence(primaryEdge) + " (" + primaryEdge.type + ")"
                    : f.lockClasses;
            w.name("locations").beginArray();
            location(w, loc, -1, what);
            w.endArray();
        }

        List<EdgeRecord> related = new ArrayList<>();
        List<SourceLocator.Location> relatedAt = new ArrayList<>();
        List<EdgeRecord> flowing = new ArrayList<>();
        List<List<Frame>> flows = new ArrayList<>();
        for (EdgeRecord e : f.edges) {
            Frame fr = Frame.firstProgramFrame(e.frames());
            SourceLocator.Location l = fr == null ? null : sources.locate(fr);
            if (l != null) {
                related.add(e);
                relatedAt.add(l);
            }
            List<Frame> program = new ArrayList<>();
            for (Frame x : e.frames()) {
                // a frame without a usable file (none recorded, or one that would leave the source root) has no
                // location to show
                if (x.isProgramCode() && program.size() < MAX_FLOW_FRAMES && sources.locate(x) != null) {
                    program.add(x);
                }
            }
            if (!program.isEmpty()) {
                flowing.add(e);
                flows.add(program);
            }
        }
        if (!related.isEmpty()) {
            w.name("relatedLocations").beginArray();
            for (int i = 0; i < related.size(); i++) {
                location(w, relatedAt.get(i), i + 1, edgeText(related.get(i), f.merged));
            }
            w.endArray();
        }
        if (!flows.isEmpty()) {
            // One thread flow per edge: its program frames, outermost first (SARIF's execution order).
            w.name("codeFlows").beginArray().beginObject();
            w.name("message").beginObject().field("text", Strings.oneLine(f.lockClasses)).endObject();
            w.name("threadFlows").beginArray();
            for (int t = 0; t < flows.size(); t++) {
                EdgeRecord e = flowing.get(t);
                List<Frame> program = flows.get(t);
                w.beginObject();
                w.name("message").beginObject().field("text", edgeText(e, f.merged)).endObject();
                w.name("locations").beginArray();
                int last = program.size() - 1;
                for (int i = last; i >= 0; i--) {
                    Frame fr = program.get(i);
                    w.beginObject().name("location");
                    location(w, sources.locate(fr), -1, i == 0 ? Waits.sentence(e)
                            : "calls " + program.get(i - 1).className + "." + program.get(i - 1).method);
                    w.field("nestingLevel", last - i);
                    w.endObject();
                }
                w.endArray();
                w.endObject();
            }
            w.endArray();
            w.endObject().endArray();
        }

        w.name("partialFingerprints").beginObject().field(FINGERPRINT, f.cycleId).endObject();
        w.name("properties").beginObject();
        w.field("cycleId", f.cycleId);
        w.field("kind", f.kind);
        w.field("scope", f.merged ? "merged" : "recording");
        w.field("lockClasses", f.lockClasses);
        w.field("evidence", f.evidence);
        w.field("gatedBy", f.gatedBy);
        w.field("recordings", f.recordings());
        w.endObject();
        w.endObject();
    }

    /**
     * A frame standing for the cycle's first lock that says where it lives: where it was allocated (its
     * origin, {@code com.acme.Bank.<init>(Bank.java:12)}; recordings of earlier versions put that line in
     * the name, {@code ReentrantLock@com.acme.Bank.<init>(Bank.java:12)}) in program code, else a monitor's
     * or class's type ({@code monitor com.acme.Account}: {@code com/acme/Account.java}); or null.
     */
    static Frame lockSite(FindingRecord f) {
        Frame byType = null;
        for (String lock : f.locks()) {
            String origin = f.origins.get(lock);
            if (origin != null) {
                Frame site = Frame.parse(origin);
                if (site.isProgramCode()) {
                    return site;
                }
            }
            int at = lock.indexOf('@');
            if (at > 0 && lock.endsWith(")")) {
                Frame site = Frame.parse(lock.substring(at + 1));
                if (site.isProgramCode()) {
                    return site;
                }
            }
            String type = null;
            if (lock.startsWith("monitor ")) {
                type = lock.substring("monitor ".length());
            } else if (lock.startsWith("class ")) {
                type = lock.substring("class ".length());
            }
            if (byType == null && type != null && type.indexOf(' ') < 0 && type.indexOf('.') > 0) {
                String top = type;
                int dollar = top.indexOf('$');
                if (dollar > 0) {
                    top = top.substring(0, dollar);
                }
                String simple = top.substring(top.lastIndexOf('.') + 1);
                Frame t = Frame.parse(type + ".<class>(" + simple + ".java)");
                if (t.isProgramCode()) {
                    byType = t;
                }
            }
        }
        return byType;
    }

    private static String edgeText(EdgeRecord e, boolean merged) {
        StringBuilder sb = new StringBuilder();
        sb.append(Waits.fromSource(e)).append(" (").append(e.type).append(")");
        if (e.recording == null) {
            return Strings.oneLine(sb.append(", declared in contract ").append(e.origin).toString());
        }
        sb.append(", first seen");
        if (merged) {
            sb.append(" in ").append(e.recording).append(',');
        }
        if (e.observed()) {
            sb.append(" in thread \"").append(e.thread).append('"');
        } else {
            sb.append(" in contract ").append(e.origin);
        }
        if (!e.context.isEmpty()) {
            sb.append(" during ").append(e.context);
        }
        return Strings.oneLine(sb.toString());
    }

    /** A SARIF location object; {@code id} > 0 gives it an id (related locations). */
    private static void location(JsonWriter w, SourceLocator.Location l, int id, String message) {
        w.beginObject();
        if (id > 0) {
            w.field("id", id);
        }
        w.name("physicalLocation").beginObject();
        w.name("artifactLocation").beginObject().field("uri", l.uri);
        if (l.uriBaseId != null) {
            w.field("uriBaseId", l.uriBaseId);
        }
        w.endObject();
        // GitHub requires a region; a location without a known line is the file's first line.
        w.name("region").beginObject().field("startLine", l.line > 0 ? l.line : 1).endObject();
        w.endObject();
        w.name("message").beginObject().field("text", Strings.oneLine(message)).endObject();
        w.endObject();
    }
}

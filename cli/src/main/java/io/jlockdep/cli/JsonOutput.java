package io.jlockdep.cli;

import java.util.List;

/**
 * {@code --format json}: a stable structure (documented in {@code docs/cli.md}; {@code formatVersion} goes
 * up only for incompatible changes). Every key is always present; unknown values are {@code null}.
 */
final class JsonOutput {
    /** Bumped on incompatible changes of the structure. */
    static final int FORMAT_VERSION = 1;

    private JsonOutput() {
    }

    static String render(Outcome o) {
        JsonWriter w = new JsonWriter();
        w.beginObject();
        w.name("tool").beginObject().field("name", Version.NAME).field("version", Version.version()).endObject();
        w.field("formatVersion", FORMAT_VERSION);
        w.field("command", o.command.id());
        w.field("exitCode", o.exitCode());
        w.field("summary", o.summary());
        w.name("recordings").beginArray();
        for (Recording r : o.recordings) {
            w.beginObject().field("file", r.name).field("findings", r.findings.size())
                    .field("dependencyEdges", r.plainEdges.size()).field("statistics", r.statisticsEvents > 0)
                    .endObject();
        }
        w.endArray();
        w.name("baseline");
        if (o.baselineName == null) {
            w.nullValue();
        } else {
            w.beginObject().field("file", o.baselineName).field("accepted", o.accepted.size());
            w.field("stale", o.stale).endObject();
        }
        w.name("merge");
        if (!o.merge()) {
            w.nullValue();
        } else {
            w.beginObject().field("unionEdges", o.unionEdges)
                    .field("singleRecordingCycles", o.singleRecordingCycles).endObject();
        }
        w.name("findings");
        findings(w, o.findings);
        w.name("accepted");
        findings(w, o.accepted);
        w.endObject();
        return w.finish();
    }

    private static void findings(JsonWriter w, List<FindingRecord> list) {
        w.beginArray();
        for (FindingRecord f : list) {
            finding(w, f);
        }
        w.endArray();
    }

    private static void finding(JsonWriter w, FindingRecord f) {
        w.beginObject();
        w.field("cycleId", f.cycleId);
        w.field("kind", f.kind);
        w.field("scope", f.merged ? "merged" : "recording");
        w.field("lockClasses", f.lockClasses);
        w.field("locks", f.locks());
        w.field("length", f.length);
        w.field("thread", f.merged ? null : f.thread);
        w.field("evidence", f.evidence);
        w.field("gatedBy", f.gatedBy);
        w.name("origins").beginObject();
        for (java.util.Map.Entry<String, String> o : f.origins.entrySet()) {
            w.field(o.getKey(), o.getValue());
        }
        w.endObject();
        w.name("acquisitionStack");
        frames(w, f.frames());
        w.name("edges").beginArray();
        for (int i = 0; i < f.edges.size(); i++) {
            EdgeRecord e = f.edges.get(i);
            w.beginObject();
            w.field("index", i);
            w.field("from", e.from);
            w.field("to", e.to);
            w.field("type", e.type);
            w.field("thread", e.thread.isEmpty() ? null : e.thread);
            w.field("origin", e.origin);
            w.field("context", e.context.isEmpty() ? null : e.context);
            w.field("recording", e.recording);
            w.field("alsoIn", e.alsoIn);
            w.name("stack");
            frames(w, e.frames());
            w.endObject();
        }
        w.endArray();
        w.field("recordings", f.recordings());
        w.field("report", f.reportText());
        w.endObject();
    }

    private static void frames(JsonWriter w, List<Frame> frames) {
        w.beginArray();
        for (Frame fr : frames) {
            w.beginObject();
            w.field("class", fr.className);
            w.field("method", fr.method);
            w.field("file", fr.file);
            w.name("line");
            if (fr.line > 0) {
                w.value(fr.line);
            } else {
                w.nullValue();
            }
            w.field("module", fr.module);
            w.field("programCode", fr.isProgramCode());
            w.field("text", fr.text);
            w.endObject();
        }
        w.endArray();
    }
}

package io.jlockdep.cli;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded stack in the HTML report, innermost frame first: the application's frames shown, with the source
 * file's path when the {@link SourceLocator} finds it; each run of other frames (JDK, jlockdep, test runners,
 * frames without a source file: {@link Frame#isProgramCode()} false) folded into one {@code <details>} line that
 * says how many and whose, and opens to show them.
 */
final class HtmlStack {
    private HtmlStack() {
    }

    /**
     * A stack, innermost frame first: the application's frames shown, each run of other frames (JDK, jlockdep,
     * test runner, frames without a source file) folded into one line that says how many and whose.
     */
    static void write(HtmlWriter out, List<Frame> frames, SourceLocator sources) {
        if (frames.isEmpty()) {
            out.element("p", "(no stack trace recorded)", "class", "muted");
            return;
        }
        out.open("ol", "class", "stack");
        int i = 0;
        while (i < frames.size()) {
            Frame fr = frames.get(i);
            if (fr.isProgramCode()) {
                out.open("li", "class", "frame app").element("code", "at " + fr.text);
                String path = sourcePath(fr, sources);
                if (path != null) {
                    out.raw(" ").element("span", path, "class", "src");
                }
                out.close("li");
                i++;
                continue;
            }
            int j = i;
            while (j < frames.size() && !frames.get(j).isProgramCode()) {
                j++;
            }
            out.open("li", "class", "folded").open("details").element("summary", foldedSummary(frames.subList(i, j)));
            out.open("ol", "class", "stack");
            for (int k = i; k < j; k++) {
                out.open("li", "class", "frame").element("code", "at " + frames.get(k).text).close("li");
            }
            out.close("ol").close("details").close("li");
            i = j;
        }
        out.close("ol").nl();
    }

    /** {@code 3 framework frames (java.base, org.junit.platform)}: the count and up to three owners. */
    private static String foldedSummary(List<Frame> run) {
        List<String> owners = new ArrayList<>();
        for (Frame f : run) {
            String o = f.module != null ? f.module : owner(f.packageName());
            if (!o.isEmpty() && !owners.contains(o)) {
                owners.add(o);
            }
        }
        StringBuilder sb = new StringBuilder(Strings.count(run.size(), "framework frame", "framework frames"));
        if (!owners.isEmpty()) {
            sb.append(" (").append(String.join(", ", owners.subList(0, Math.min(3, owners.size()))));
            sb.append(owners.size() > 3 ? ", \u2026)" : ")");
        }
        return sb.toString();
    }

    /** The first three segments of a package: {@code org.junit.platform}. */
    private static String owner(String pkg) {
        String[] seg = pkg.split("\\.");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < seg.length && i < 3; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(seg[i]);
        }
        return sb.toString();
    }

    /**
     * Where the frame's source file is, as a path (relative to the working directory when inside it) with the
     * line: only for a file the locator found (a path by package alone may not exist). Shown as text: the page
     * links nothing outside itself.
     */
    static String sourcePath(Frame f, SourceLocator sources) {
        if (sources == null) {
            return null;
        }
        SourceLocator.Location loc = sources.locate(f);
        if (loc == null) {
            return null;
        }
        String path;
        if (SourceLocator.SRCROOT.equals(loc.uriBaseId)) {
            path = percentDecode(loc.uri);
        } else if (loc.uri.startsWith("file:")) {
            try {
                path = Path.of(URI.create(loc.uri)).toString();
            } catch (RuntimeException e) {
                return null;
            }
        } else {
            return null;
        }
        return loc.line > 0 ? path + ":" + loc.line : path;
    }

    /** Undoes {@link SourceLocator#encode}: {@code %XX} bytes back to UTF-8 text. */
    private static String percentDecode(String s) {
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                out[n++] = (byte) Integer.parseInt(s.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}

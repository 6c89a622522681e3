package io.jlockdep.agent.report;

import io.jlockdep.agent.config.OutputFile;
import io.jlockdep.core.CycleEdge;
import io.jlockdep.core.Finding;
import io.jlockdep.core.GraphSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The graph dump sink ({@code dump=FILE}): at exit, the learned dependency graph as Graphviz DOT or as text
 * ({@link ReportSettings#dumpDot()}), replacing the file in one step. Without a dump file it does nothing,
 * and the graph is never taken.
 */
final class DumpOutput implements ReportSink {
    private final OutputFile file;
    private final boolean dot;

    DumpOutput(ReportSettings settings) {
        this.file = settings.dumpOutput();
        this.dot = settings.dumpDot();
    }

    @Override
    public void check() {
        OutputFileCheck.writable(file);
    }

    @Override
    public void startup(Lines lines) {
        // the file is written once, at exit
    }

    @Override
    public void finding(Finding finding, String report) {
        // the dump is the whole graph, taken at exit
    }

    @Override
    public void edge(CycleEdge edge) {
        // likewise
    }

    @Override
    public void line(String line) {
        // lines are for the log
    }

    @Override
    public void shutdown(Exit exit, Lines lines) {
        if (file == null) {
            return;
        }
        Path path = file.path();
        GraphSnapshot snapshot;
        try {
            snapshot = exit.snapshot();
        } catch (Throwable t) {
            lines.line("jlockdep: cannot take the graph snapshot for " + path + ": " + t);
            return;
        }
        if (snapshot == null) {
            return;
        }
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // Written next to the file and moved over it: a reader never sees half a dump.
            Path abs = path.toAbsolutePath();
            Path tmp = abs.resolveSibling(abs.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            try {
                Files.writeString(tmp, dot ? snapshot.toDot() : snapshot.toText(), StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (Throwable t) {
            lines.line("jlockdep: cannot write the graph dump " + path + ": " + t);
        }
    }
}

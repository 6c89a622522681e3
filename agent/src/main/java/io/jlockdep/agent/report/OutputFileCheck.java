package io.jlockdep.agent.report;

import io.jlockdep.agent.config.OutputFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether an output file ({@code jfr}, {@code dump}, {@code log}) can be written, checked by its sink when the
 * agent starts so that a mistake stops the JVM at once rather than being found at exit. Missing parent
 * directories are created, like a build's output directory ({@code target/jlockdep/fork-1.jfr}). The messages
 * quote the option, the value as given and where it was given, like the option parser's.
 */
final class OutputFileCheck {
    private OutputFileCheck() {
    }

    /**
     * Checks {@code out} (nothing for null).
     *
     * @throws OutputFileException when it is a directory, not writable, or its directory cannot be made or written
     */
    static void writable(OutputFile out) {
        if (out == null) {
            return;
        }
        Path file = out.path();
        String given = out.given();
        String head = out.origin() + "cannot write " + out.option() + " file '" + given + "': ";
        boolean same = file.toString().equals(given);
        if (Files.isDirectory(file)) {
            throw new OutputFileException(head + (same ? "it" : "'" + file + "'") + " is a directory");
        }
        if (Files.exists(file)) {
            if (!Files.isWritable(file)) {
                throw new OutputFileException(head + (same ? "file" : "file '" + file + "'") + " is not writable");
            }
            return;
        }
        Path dir = file.getParent();
        if (dir == null) {
            throw new OutputFileException(head + "it has no parent directory");
        }
        String d = dir.toString();
        if (!Files.exists(dir)) {
            Path existing = dir.getParent();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing != null && !Files.isDirectory(existing)) {
                throw new OutputFileException(head + "'" + existing + "' is not a directory");
            }
            try {
                Files.createDirectories(dir);
            } catch (IOException | RuntimeException e) {
                throw new OutputFileException(head + "cannot create directory '" + d + "' ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        if (!Files.isDirectory(dir)) {
            throw new OutputFileException(head + "'" + d + "' is not a directory");
        }
        if (!Files.isWritable(dir)) {
            throw new OutputFileException(head + "directory '" + d + "' is not writable");
        }
    }
}

package io.jlockdep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.cli.internal.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way the input can be bad: exit status 2 and exactly one {@code jlockdep:} line on standard error. */
class CliErrorsTest {
    @TempDir
    Path dir;

    private Path good;

    @BeforeEach
    void goodRecording() throws IOException {
        good = Recordings.builder().plainEdge("ErrA", "ErrB", "EN", "main", "\tat com.acme.X.run(X.java:3)", "")
                .statistics().write(dir.resolve("good.jfr"));
    }

    private Run cli(String... args) {
        return Run.cli(dir, args);
    }

    @Test
    void noArgumentsPrintsTheUsageOnStandardErrorWithStatus2() {
        Run r = cli();
        r.assertExit(2);
        assertEquals("", r.out);
        assertEquals(Main.USAGE, r.err);
        assertTrue(r.err.startsWith("Usage: java -jar jlockdep-agent.jar COMMAND"), r::describe);
    }

    @Test
    void helpForTheToolAndEachCommandGoesToStandardOutputWithStatus0() {
        for (String h : new String[] {"--help", "-h", "help"}) {
            Run r = cli(h).assertExit(0).assertQuiet();
            assertEquals(Main.USAGE, r.out);
        }
        for (Command c : Command.values()) {
            assertEquals(Main.usage(c), cli(c.id(), "--help").assertExit(0).assertQuiet().out);
            assertEquals(Main.usage(c), cli(c.id(), "-h").assertExit(0).assertQuiet().out);
            assertEquals(Main.usage(c), cli("help", c.id()).assertExit(0).assertQuiet().out);
            assertTrue(Main.usage(c).startsWith("Usage: java -jar jlockdep-agent.jar " + c.id() + " FILE.jfr..."),
                    Main.usage(c));
        }
        assertTrue(Main.usage(Command.CHECK).contains("--write-baseline"));
        assertFalse(Main.usage(Command.REPORT).contains("--baseline"));
        for (String text : new String[] {Main.USAGE, Main.usage(Command.REPORT), Main.usage(Command.CHECK),
            Main.usage(Command.MERGE)}) {
            for (String line : text.split("\n")) {
                assertTrue(line.length() <= 100, "help line too long: " + line);
            }
        }
        cli("help", "frob").assertError("unknown command 'frob' (commands: report, check, merge)");
    }

    @Test
    void versionLine() {
        Run r = cli("--version").assertExit(0).assertQuiet();
        assertTrue(r.out.matches("jlockdep \\S+\n"), r.out);
    }

    @Test
    void unknownCommandOrOptionFirst() {
        cli("frob", "x.jfr").assertError("unknown command 'frob' (commands: report, check, merge; see --help)");
        cli("--format", "json", "check", "x.jfr").assertError(
                "unknown option '--format' (the command comes first: report, check or merge; see --help)");
    }

    @Test
    void usageErrorsOfACommand() {
        cli("check", "--format", "xml", "good.jfr")
                .assertError("check: unknown format 'xml' (valid: text, json, sarif, junit, dot, html)");
        cli("check").assertError("check: no recordings given (usage: java -jar jlockdep-agent.jar check FILE.jfr..."
                + " [options]; see --help)");
        cli("report", "--baseline", "b.txt", "good.jfr")
                .assertError("report: --baseline belongs to check and merge (report never fails on findings)");
    }

    @Test
    void missingFile() {
        cli("check", "no-such.jfr").assertError("no-such.jfr: no such file");
        cli("report", "good.jfr", "sub/no-such.jfr").assertError("sub/no-such.jfr: no such file");
        cli("merge", "no-such.jfr").assertError("no-such.jfr: no such file");
    }

    @Test
    void emptyFile() throws IOException {
        Files.write(dir.resolve("empty.jfr"), new byte[0]);
        cli("check", "empty.jfr").assertError("empty.jfr: empty file");
    }

    @Test
    void notJfr() throws IOException {
        Files.writeString(dir.resolve("text.jfr"), "hello, this is not a flight recording\n");
        cli("check", "text.jfr").assertError("text.jfr: not a JFR recording");
        Files.write(dir.resolve("zip.jfr"), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0});
        cli("report", "zip.jfr").assertError("zip.jfr: not a JFR recording");
    }

    @Test
    void truncatedOrCorrupt() throws IOException {
        byte[] all = Files.readAllBytes(good);
        Files.write(dir.resolve("head.jfr"), Arrays.copyOf(all, 3));
        cli("check", "head.jfr").assertError("head.jfr: truncated or corrupt JFR recording (only 3 bytes)");
        Files.write(dir.resolve("header.jfr"), Arrays.copyOf(all, 40));
        cli("check", "header.jfr").assertError("header.jfr: truncated or corrupt JFR recording (only 40 bytes)");
        // what is wrong with the file, never the parser's exception (IndexOutOfBoundsException, EOFException)
        long chunk = java.nio.ByteBuffer.wrap(all).getLong(8);
        assertEquals(all.length, chunk, "one chunk");
        for (int cut : new int[] {68, 100, all.length / 2, all.length - 7}) {
            Path p = dir.resolve("cut" + cut + ".jfr");
            Files.write(p, Arrays.copyOf(all, cut));
            cli("check", p.getFileName().toString()).assertError(p.getFileName() + ": truncated JFR recording (the file"
                    + " ends at byte " + cut + ", the chunk at byte 0 needs " + chunk + " bytes)");
        }
        // two chunks (JFR files concatenate), the second cut inside its header, then inside its data
        byte[] two = new byte[2 * all.length];
        System.arraycopy(all, 0, two, 0, all.length);
        System.arraycopy(all, 0, two, all.length, all.length);
        Files.write(dir.resolve("two.jfr"), Arrays.copyOf(two, all.length + 30));
        cli("check", "two.jfr").assertError("two.jfr: truncated JFR recording (the file ends at byte "
                + (all.length + 30) + ", inside the header of the chunk at byte " + all.length + ")");
        Files.write(dir.resolve("two.jfr"), Arrays.copyOf(two, two.length - 1));
        cli("check", "two.jfr").assertError("two.jfr: truncated JFR recording (the file ends at byte "
                + (two.length - 1) + ", the chunk at byte " + all.length + " needs " + chunk + " bytes)");
        byte[] notChunk = two.clone();
        notChunk[all.length] = 'X';
        Files.write(dir.resolve("second.jfr"), notChunk);
        cli("check", "second.jfr").assertError("second.jfr: corrupt JFR recording (no chunk header at byte "
                + all.length + ")");
        byte[] badSize = all.clone();
        java.nio.ByteBuffer.wrap(badSize).putLong(8, 12);
        Files.write(dir.resolve("size.jfr"), badSize);
        cli("check", "size.jfr").assertError("size.jfr: corrupt JFR recording (bad header in the chunk at byte 0)");
        // garbage after a valid header
        byte[] garbage = all.clone();
        for (int i = 80; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 31);
        }
        Files.write(dir.resolve("garbage.jfr"), garbage);
        cli("check", "garbage.jfr").assertError("garbage.jfr: corrupt JFR recording (its chunks are whole but their"
                + " contents cannot be parsed)");
    }

    @Test
    void aRecordingInAFutureFormatSaysWhichJdkToUse() throws IOException {
        byte[] all = Files.readAllBytes(good);
        all[4] = 0;
        all[5] = 3;
        all[6] = 0;
        all[7] = 1;
        Files.write(dir.resolve("future.jfr"), all);
        cli("check", "future.jfr").assertError("future.jfr: JFR file format 3.1 is newer than JDK "
                + Runtime.version().feature() + " can read (it reads 1.x and 2.x); run this tool on the JDK that"
                + " made the recording, or a newer one");
    }

    @Test
    void aRecordingWithoutJlockdepEventsIsBadInputForEveryCommand() throws IOException {
        Recordings.foreign(dir.resolve("foreign.jfr"));
        String expected = "foreign.jfr: no jlockdep events - was the agent attached"
                + " (-javaagent:jlockdep-agent.jar=jfr=FILE)?";
        cli("check", "good.jfr", "foreign.jfr").assertError(expected);
        cli("merge", "good.jfr", "foreign.jfr").assertError(expected);
        cli("report", "foreign.jfr").assertError(expected);
    }

    @Test
    void aStatisticsEventAloneIsACleanRecording() throws IOException {
        Recordings.builder().statistics().write(dir.resolve("stats-only.jfr"));
        Run r = cli("check", "stats-only.jfr").assertExit(0).assertQuiet();
        assertEquals("no potential deadlocks in 1 recording\n", r.out);
    }

    @Test
    void mergeNeedsEdgesOnEveryRecording() throws IOException {
        Recordings.builder().statistics().write(dir.resolve("no-edges.jfr"));
        cli("merge", "good.jfr", "no-edges.jfr").assertError("no-edges.jfr: no dependency edges; record with edges=on");
        // check does not need them
        cli("check", "good.jfr", "no-edges.jfr").assertExit(0).assertQuiet();
    }

    @Test
    void anEdgesOnRunWithoutEdgesHasNothingToMergeButIsNoError() throws IOException {
        Recordings.builder().statistics(true).write(dir.resolve("edges-on-idle.jfr"));
        Recordings.builder().statistics(false).write(dir.resolve("edges-off.jfr"));
        cli("merge", "good.jfr", "edges-off.jfr").assertError("edges-off.jfr: no dependency edges; record with edges=on");
        cli("merge", "good.jfr", "edges-on-idle.jfr").assertExit(0);
    }

    @Test
    void directories() throws IOException {
        Files.createDirectories(dir.resolve("empty-dir"));
        cli("check", "empty-dir").assertError("empty-dir: no .jfr files in this directory");
        Path recs = Files.createDirectories(dir.resolve("recs"));
        Files.copy(good, recs.resolve("b.jfr"));
        Files.copy(good, recs.resolve("a.jfr"));
        Files.writeString(recs.resolve("notes.txt"), "ignored");
        Run r = cli("check", "recs", "--format", "json").assertExit(0).assertQuiet();
        Object json = Json.parse(r.out);
        assertEquals("recs/a.jfr", Json.at(json, "recordings", 0, "file"));
        assertEquals("recs/b.jfr", Json.at(json, "recordings", 1, "file"));
        assertEquals(2, Json.arr(Json.at(json, "recordings")).size());
        // the same file twice counts once
        assertEquals("no potential deadlocks in 1 recording\n", cli("check", "good.jfr", "./good.jfr").out);
    }

    @Test
    void baselineProblems() throws IOException {
        cli("check", "good.jfr", "--baseline", "no-base.txt").assertError("no-base.txt: no such file");
        Files.writeString(dir.resolve("bad-base.txt"), "# header\n\n0123456789abcdef\nnot-an-id  # oops\n");
        cli("check", "good.jfr", "--baseline", "bad-base.txt").assertError("bad-base.txt:4: malformed cycle id"
                + " 'not-an-id' (expected 16 hex digits, as in 'cycle id: 7f4baf92884d54f5')");
        Files.createDirectories(dir.resolve("base-dir"));
        cli("merge", "good.jfr", "--baseline", "base-dir").assertError("base-dir: is a directory, not a baseline file");
    }

    @Test
    void outputThatCannotBeWritten() throws IOException {
        Files.writeString(dir.resolve("plain-file"), "x");
        cli("check", "good.jfr", "--output", "plain-file/out.txt")
                .assertErrorStartsWith("plain-file/out.txt: cannot write (");
        cli("check", "good.jfr", "--write-baseline", "plain-file/b.txt")
                .assertErrorStartsWith("plain-file/b.txt: cannot write (");
    }

    @Test
    void sourceRootMustBeADirectory() throws IOException {
        cli("check", "good.jfr", "--source-root", "no-src").assertError("no-src: no such directory (--source-root)");
        cli("check", "good.jfr", "--source-root", "good.jfr").assertError("good.jfr: not a directory (--source-root)");
    }

    @Test
    void controlCharactersInFileNamesStayOnOneLine() {
        cli("check", "a\nb.jfr").assertError("a\\nb.jfr: no such file");
    }

    @Test
    void outputGoesToTheFileAndNothingToStandardOutput() throws IOException {
        Run r = cli("check", "good.jfr", "--output", "out/report.txt").assertExit(0).assertQuiet();
        assertEquals("", r.out);
        assertEquals("no potential deadlocks in 1 recording\n",
                Files.readString(dir.resolve("out/report.txt"), StandardCharsets.UTF_8));
    }
}

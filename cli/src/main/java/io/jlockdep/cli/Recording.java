package io.jlockdep.cli;

import io.jlockdep.cli.EventSchema.DependencyEdge;
import io.jlockdep.cli.EventSchema.PotentialDeadlock;
import io.jlockdep.cli.EventSchema.Statistics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** The jlockdep events of one JFR recording, read with {@link RecordingFile} ({@link Reports#read}). */
public final class Recording {
    /** The JFR file magic: {@code FLR\0}. */
    private static final byte[] MAGIC = {'F', 'L', 'R', 0};
    /** The size of a JFR chunk header; anything shorter cannot be a recording. */
    private static final int CHUNK_HEADER_SIZE = 68;
    /** What is wrong with a recording whose chunks are whole but whose contents the JDK cannot parse. */
    private static final String UNPARSABLE = "corrupt JFR recording (its chunks are whole but their contents"
            + " cannot be parsed)";

    /** The file as named on the command line (or directory + file name). */
    final String name;
    final Path path;
    /** The findings, each cycle id once, in file order. */
    final List<FindingRecord> findings;
    /** Edges recorded with {@code edges=on} (empty cycle id), in the order they were recorded. */
    final List<EdgeRecord> plainEdges;
    /** Every {@code io.jlockdep.*} event. */
    final int jlockdepEvents;
    /** {@code io.jlockdep.Statistics} events (one per agent run that ended while recording). */
    final int statisticsEvents;
    /**
     * Whether the agent runs said they recorded every edge ({@code edgesRecorded} of their Statistics
     * events): TRUE if one did, FALSE if all said no, null if none said (older recordings, no Statistics).
     */
    final Boolean edgesRecorded;
    /** The counters of its Statistics events, summed (several agent runs can write into one recording). */
    final Counters counters;

    /**
     * What the agent runs of a recording counted, from their {@code io.jlockdep.Statistics} events, summed. A
     * counter is -1 when no event had its field (no Statistics event, or an agent older than the field).
     */
    static final class Counters {
        /** Lock classes the engines created. */
        long classes = -1;
        /** Dependency edges (lock orders) the engines stored. */
        long orders = -1;
        long acquisitions = -1;
        /** Distinct findings the agents' {@code suppress=FILE} held back. */
        long suppressed = -1;
        /** Distinct gated findings not reported ({@code gated=ignore}). */
        long gated = -1;
        /** Findings, edges and notices the reporters dropped. */
        long dropped = -1;

        private void add(RecordedEvent e) {
            classes = plus(classes, e, Statistics.CLASSES);
            orders = plus(orders, e, Statistics.EDGES);
            acquisitions = plus(acquisitions, e, Statistics.ACQUISITIONS);
            suppressed = plus(suppressed, e, Statistics.SUPPRESSED);
            gated = plus(gated, e, Statistics.GATED);
            dropped = plus(dropped, e, Statistics.DROPPED);
        }

        private static long plus(long sum, RecordedEvent e, String field) {
            if (!e.hasField(field) || !(e.getValue(field) instanceof Number)) {
                return sum;
            }
            return Math.max(sum, 0) + ((Number) e.getValue(field)).longValue();
        }
    }

    /** The name it was given by (as on the command line, or directory + file name). */
    public String name() {
        return name;
    }

    /** Its findings, each cycle id once, in the order they were found. */
    public List<FindingRecord> findings() {
        return findings;
    }

    private Recording(String name, Path path, List<FindingRecord> findings, List<EdgeRecord> plainEdges,
                      int jlockdepEvents, int statisticsEvents, Boolean edgesRecorded, Counters counters) {
        this.name = name;
        this.path = path;
        this.findings = Collections.unmodifiableList(findings);
        this.plainEdges = Collections.unmodifiableList(plainEdges);
        this.jlockdepEvents = jlockdepEvents;
        this.statisticsEvents = statisticsEvents;
        this.edgesRecorded = edgesRecorded;
        this.counters = counters;
    }

    /**
     * This recording with its {@code edges=on} edges replaced by the records of {@code seen} for edges that
     * recordings folded before it had (the first one's, the only one any output shows), and its other edges
     * added to {@code seen}: recordings read together then keep one record per distinct edge, not one per
     * edge per recording.
     */
    Recording sharingEdges(Map<String, EdgeRecord> seen) {
        List<EdgeRecord> shared = new ArrayList<>(plainEdges.size());
        for (EdgeRecord e : plainEdges) {
            EdgeRecord known = seen.putIfAbsent(e.key(), e);
            shared.add(known != null ? known : e);
        }
        return new Recording(name, path, findings, shared, jlockdepEvents, statisticsEvents, edgesRecorded, counters);
    }

    /**
     * The files the arguments name: a file as is, a directory as the {@code *.jfr} files directly in it
     * (sorted by name). Each file once.
     *
     * @throws CliException for a missing path or a directory without recordings
     */
    static List<Named> expand(List<String> args, Path workDir) throws CliException {
        List<Named> out = new ArrayList<>();
        List<Path> seen = new ArrayList<>();
        for (String a : args) {
            Path p = workDir.resolve(a);
            if (Files.isDirectory(p)) {
                List<Path> inDir = new ArrayList<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(p, "*.jfr")) {
                    for (Path f : ds) {
                        if (Files.isRegularFile(f)) {
                            inDir.add(f);
                        }
                    }
                } catch (IOException e) {
                    throw CliException.file(a, "cannot list the directory (" + describe(e) + ")");
                }
                if (inDir.isEmpty()) {
                    throw CliException.file(a, "no .jfr files in this directory");
                }
                inDir.sort(Comparator.comparing(f -> f.getFileName().toString()));
                for (Path f : inDir) {
                    String n = a.endsWith("/") ? a + f.getFileName() : a + "/" + f.getFileName();
                    add(out, seen, n, f);
                }
            } else {
                add(out, seen, a, p);
            }
        }
        return out;
    }

    private static void add(List<Named> out, List<Path> seen, String name, Path p) {
        Path key = p.toAbsolutePath().normalize();
        if (!seen.contains(key)) {
            seen.add(key);
            out.add(new Named(name, p));
        }
    }

    private static EdgeRecord edge(RecordedEvent e, String recording) {
        return new EdgeRecord(string(e, DependencyEdge.FROM), string(e, DependencyEdge.TO),
                string(e, DependencyEdge.TYPE), string(e, DependencyEdge.THREAD), string(e, DependencyEdge.STACK),
                string(e, DependencyEdge.ORIGIN), string(e, DependencyEdge.CONTEXT), recording, null);
    }

    /** A file and the name to call it by in messages and output. */
    static final class Named {
        final String name;
        final Path path;

        Named(String name, Path path) {
            this.name = name;
            this.path = path;
        }
    }

    /**
     * Reads the jlockdep events of a recording.
     *
     * @throws CliException when the file is missing, unreadable, empty, not JFR, too new for this JDK,
     *                      truncated or corrupt
     */
    static Recording read(String name, Path path) throws CliException {
        checkHeader(name, path);
        Map<String, FindingRecord> findings = new LinkedHashMap<>();
        final Map<String, Long> foundAt = new HashMap<>();
        Map<String, List<Object[]>> cycleEdges = new HashMap<>();
        List<Object[]> plainAt = new ArrayList<>();
        int events = 0;
        int stats = 0;
        Boolean edgesOn = null;
        Counters counters = new Counters();
        try (RecordingFile rf = new RecordingFile(path)) {
            while (rf.hasMoreEvents()) {
                RecordedEvent e = rf.readEvent();
                String type = e.getEventType().getName();
                if (!type.startsWith(EventSchema.PREFIX)) {
                    continue;
                }
                events++;
                if (type.equals(PotentialDeadlock.NAME)) {
                    String id = string(e, PotentialDeadlock.CYCLE_ID);
                    if (!findings.containsKey(id)) {
                        foundAt.put(id, startNanos(e));
                        findings.put(id, new FindingRecord(id, string(e, PotentialDeadlock.KIND),
                                string(e, PotentialDeadlock.LOCK_CLASSES), integer(e, PotentialDeadlock.LENGTH),
                                string(e, PotentialDeadlock.REPORT), string(e, PotentialDeadlock.THREAD),
                                string(e, PotentialDeadlock.ACQUISITION_STACK), List.of(), false,
                                string(e, PotentialDeadlock.EVIDENCE), string(e, PotentialDeadlock.GATED_BY),
                                EventSchema.parseOriginLines(string(e, PotentialDeadlock.LOCK_ORIGINS))));
                    }
                } else if (type.equals(DependencyEdge.NAME)) {
                    String id = string(e, DependencyEdge.CYCLE_ID);
                    if (id.isEmpty()) {
                        plainAt.add(new Object[] {startNanos(e), edge(e, name)});
                    } else {
                        List<Object[]> l = cycleEdges.get(id);
                        if (l == null) {
                            l = new ArrayList<>();
                            cycleEdges.put(id, l);
                        }
                        l.add(new Object[] {integer(e, DependencyEdge.INDEX), edge(e, name)});
                    }
                } else if (type.equals(Statistics.NAME)) {
                    stats++;
                    counters.add(e);
                    if (e.hasField(Statistics.EDGES_RECORDED)) {
                        boolean on = e.getBoolean(Statistics.EDGES_RECORDED);
                        edgesOn = on || Boolean.TRUE.equals(edgesOn) ? Boolean.TRUE : Boolean.FALSE;
                    }
                }
            }
        } catch (NoSuchFileException e) {
            throw CliException.file(name, "no such file");
        } catch (AccessDeniedException e) {
            throw CliException.file(name, "cannot read (permission denied)");
        } catch (IOException e) {
            // The parser reports bad contents as IOExceptions too ("Expected metadata event…", EOF): what is
            // wrong is told from the chunk headers; only the file system's own errors are shown as they are.
            String wrong = chunkProblem(path);
            if (wrong == null && e instanceof java.nio.file.FileSystemException) {
                throw CliException.file(name, "cannot read (" + describe(e) + ")");
            }
            throw CliException.file(name, wrong != null ? wrong : UNPARSABLE);
        } catch (OutOfMemoryError e) {
            throw CliException.file(name, "out of memory while reading; give the JVM more heap (java -Xmx...)");
        } catch (RuntimeException | Error e) {
            // The JDK's parser fails on bad bytes with whatever exception its code meets (an index out of
            // bounds, an EOF): what is wrong with the file is told from its chunk headers instead.
            String wrong = chunkProblem(path);
            throw CliException.file(name, wrong != null ? wrong : UNPARSABLE);
        }
        // In the order they were found (the file's order of events is not guaranteed to be commit order).
        List<FindingRecord> ordered = new ArrayList<>(findings.values());
        ordered.sort(Comparator.comparingLong(f -> foundAt.get(f.cycleId)));
        plainAt.sort(Comparator.comparingLong(a -> (Long) a[0]));
        List<EdgeRecord> plain = new ArrayList<>(plainAt.size());
        for (Object[] te : plainAt) {
            plain.add((EdgeRecord) te[1]);
        }
        List<FindingRecord> out = new ArrayList<>();
        for (FindingRecord f : ordered) {
            List<Object[]> l = cycleEdges.get(f.cycleId);
            FindingRecord full = f;
            if (l != null) {
                l.sort(Comparator.comparingInt(a -> (Integer) a[0]));
                List<EdgeRecord> edges = new ArrayList<>();
                List<Integer> seenIndex = new ArrayList<>();
                for (Object[] ie : l) {
                    if (!seenIndex.contains(ie[0])) {
                        seenIndex.add((Integer) ie[0]);
                        edges.add((EdgeRecord) ie[1]);
                    }
                }
                full = new FindingRecord(f.cycleId, f.kind, f.lockClasses, f.length, f.report, f.thread,
                        f.acquisitionStack, edges, false, f.evidence, f.gatedBy, f.origins);
            }
            full.addRecording(name);
            out.add(full);
        }
        return new Recording(name, path, out, plain, events, stats, edgesOn, counters);
    }

    /** Checks what can be told from the first bytes, so that the common mistakes get a precise message. */
    private static void checkHeader(String name, Path path) throws CliException {
        if (!Files.exists(path)) {
            throw CliException.file(name, "no such file");
        }
        if (Files.isDirectory(path)) {
            throw CliException.file(name, "is a directory");
        }
        if (!Files.isReadable(path)) {
            throw CliException.file(name, "cannot read (permission denied)");
        }
        byte[] head = new byte[8];
        int n = 0;
        long size;
        try (InputStream in = Files.newInputStream(path)) {
            size = Files.size(path);
            int r;
            while (n < head.length && (r = in.read(head, n, head.length - n)) > 0) {
                n += r;
            }
        } catch (NoSuchFileException e) {
            throw CliException.file(name, "no such file");
        } catch (AccessDeniedException e) {
            throw CliException.file(name, "cannot read (permission denied)");
        } catch (IOException e) {
            throw CliException.file(name, "cannot read (" + describe(e) + ")");
        }
        if (n == 0) {
            throw CliException.file(name, "empty file");
        }
        for (int i = 0; i < MAGIC.length && i < n; i++) {
            if (head[i] != MAGIC[i]) {
                throw CliException.file(name, "not a JFR recording");
            }
        }
        if (n >= 8) {
            int major = ((head[4] & 0xff) << 8) | (head[5] & 0xff);
            int minor = ((head[6] & 0xff) << 8) | (head[7] & 0xff);
            if (major > 2) {
                throw CliException.file(name, "JFR file format " + major + "." + minor + " is newer than JDK "
                        + Runtime.version().feature() + " can read (it reads 1.x and 2.x); run this tool on the JDK"
                        + " that made the recording, or a newer one");
            }
        }
        if (size < CHUNK_HEADER_SIZE) {
            throw CliException.file(name, "truncated or corrupt JFR recording (only " + size + " bytes)");
        }
    }

    /**
     * What is wrong with the chunk structure of the recording at {@code path}, or null when every chunk header
     * is sound and every chunk is whole: {@code truncated JFR recording (…)} or {@code corrupt JFR recording (…)}.
     * A recording is one or more chunks, each starting with a 68-byte header: the magic, the format version,
     * the chunk's size and the offsets of its constant pool and metadata within it.
     */
    static String chunkProblem(Path path) {
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(path)) {
            long size = ch.size();
            long pos = 0;
            java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(CHUNK_HEADER_SIZE);
            while (pos < size) {
                if (size - pos < CHUNK_HEADER_SIZE) {
                    return "truncated JFR recording (the file ends at byte " + size + ", inside the header of the"
                            + " chunk at byte " + pos + ")";
                }
                head.clear();
                ch.position(pos);
                while (head.hasRemaining() && ch.read(head) > 0) {
                    // fill the header
                }
                for (int i = 0; i < MAGIC.length; i++) {
                    if (head.get(i) != MAGIC[i]) {
                        return "corrupt JFR recording (no chunk header at byte " + pos + ")";
                    }
                }
                long chunkSize = head.getLong(8);
                long constantPool = head.getLong(16);
                long metadata = head.getLong(24);
                if (chunkSize < CHUNK_HEADER_SIZE || constantPool < 0 || metadata < 0 || constantPool >= chunkSize
                        || metadata >= chunkSize) {
                    return "corrupt JFR recording (bad header in the chunk at byte " + pos + ")";
                }
                if (chunkSize > size - pos) {
                    return "truncated JFR recording (the file ends at byte " + size + ", the chunk at byte " + pos
                            + " needs " + chunkSize + " bytes)";
                }
                pos += chunkSize;
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long startNanos(RecordedEvent e) {
        try {
            java.time.Instant t = e.getStartTime();
            return t.getEpochSecond() * 1_000_000_000L + t.getNano();
        } catch (RuntimeException ex) {
            return 0;
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        if (m == null || m.isEmpty()) {
            return e.getClass().getSimpleName();
        }
        return Strings.noFinalDot(m);
    }

    private static String string(RecordedEvent e, String field) {
        if (!e.hasField(field)) {
            return "";
        }
        Object v = e.getValue(field);
        return v == null ? "" : v.toString();
    }

    private static int integer(RecordedEvent e, String field) {
        if (!e.hasField(field)) {
            return 0;
        }
        Object v = e.getValue(field);
        return v instanceof Number ? ((Number) v).intValue() : 0;
    }
}

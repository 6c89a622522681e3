package io.jlockdep.agent.instrument;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * What the agent's start-up works out about the JDK's classes, kept on disk for the next JVM of the same JDK, agent
 * jar and transformation options: which already-loaded JDK classes have lock code (the choice of the classes to
 * retransform, {@link LockCodeScan#needsRewrite(String)}: a read of each class file) and what each retransformed
 * JDK class became. Every test JVM of a build redoes exactly that work, about a third of the agent's start-up;
 * with the file it reads one file instead. The JDK's class-file archive (CDS) cannot hold it: an agent cannot
 * ask for an archive.
 *
 * <p>Why a stale or foreign file can never change what is instrumented:
 * <ul>
 *   <li>the file's name is a hash of, and its header the whole text of, an identity: this agent jar (path, size,
 *       modification time), the JDK (home, version, its {@code lib/modules} size and time, and the options that
 *       replace JDK classes: {@code --patch-module}, {@code --upgrade-module-path}, {@code -Xbootclasspath/a}) and
 *       the options the transformation depends on; a header that differs is a miss;</li>
 *   <li>a transformed class is used only for an input of the same length and CRC-32 as the one it was made from
 *       (the JVM hands over bytes it rebuilds from the loaded class: the same from run to run for most classes,
 *       in two variants for a few, and each variant is kept);</li>
 *   <li>only JDK classes are kept (the few others loaded before the transformer, the fence core's, are
 *       transformed as usual; the rewriting of a JDK class has no side effect the hooks depend on: monitor types
 *       are declared for application classes only), and only transformations that succeeded;</li>
 *   <li>the directory must belong to the user and be closed to others (it holds code the JVM will run); a file
 *       that cannot be read whole is ignored; nothing here ever throws into the start-up.</li>
 * </ul>
 * Writers replace the file in one move, so concurrent JVMs (parallel forks) read an old file or a new one.
 */
public final class StartupCache {
    private static final int MAGIC = 0x4a4c4453; // "JLDS"
    private static final int FORMAT = 1;
    /** Bounds on what one file holds: a JDK loads about a thousand classes before any agent runs. */
    private static final int MAX_VERDICTS = 8192;
    private static final int MAX_CLASSES = 1024;
    /** Files (one per agent jar, JDK and options) kept in the directory. */
    private static final int MAX_FILES = 16;
    /** Age past which a temporary file is another JVM's that died while writing, not one being written. */
    private static final long STALE_TMP_MILLIS = 3_600_000L;
    /** What {@link #transformed} answers for a class the transformation left as it was. */
    static final byte[] UNCHANGED = new byte[0];

    private final Path file;
    private final String identity;
    private final boolean debug;
    private final Map<String, Boolean> verdicts = new HashMap<>();
    private final Map<String, Transformed> classes = new HashMap<>();
    private int hits;
    private int misses;
    private boolean changed;
    /** Why there is no cache, for {@code -Djlockdep.debug}; null when there is one. */
    private String off;

    private static final class Transformed {
        final String name;
        final int length;
        final long crc;
        /** Null: left as it was. */
        final byte[] out;

        Transformed(String name, int length, long crc, byte[] out) {
            this.name = name;
            this.length = length;
            this.crc = crc;
            this.out = out;
        }
    }

    private StartupCache(Path file, String identity, boolean debug, String off) {
        this.file = file;
        this.identity = identity;
        this.debug = debug;
        this.off = off;
    }

    /**
     * The cache in {@code dir} (null: none) for the transformation options {@code options} (a text that differs
     * whenever the transformation's output may): read now when present. Never throws; a directory that cannot be
     * used makes a cache that keeps nothing.
     */
    public static StartupCache open(Path dir, String options, boolean debug) {
        if (dir == null) {
            return new StartupCache(null, null, debug, "cache=off, or no home directory");
        }
        String identity;
        try {
            identity = identity(options);
        } catch (IOException | RuntimeException e) {
            return new StartupCache(null, null, debug, "no identity (" + e + ")");
        }
        String why = usableDirectory(dir);
        if (why != null) {
            return new StartupCache(null, identity, debug, why);
        }
        Path file = dir.resolve("jdk-" + Long.toHexString(hash(identity)) + ".bin");
        StartupCache c = new StartupCache(file, identity, debug, null);
        c.read();
        return c;
    }

    /** Whether JDK class {@code className} has lock code, as a JVM before this one found; null when unknown. */
    synchronized Boolean knownLockCode(String className) {
        return off == null ? verdicts.get(className) : null;
    }

    /** Keeps what the scan found for JDK class {@code className}, for the next JVM. */
    synchronized void rememberLockCode(String className, boolean found) {
        if (off == null && verdicts.size() < MAX_VERDICTS) {
            verdicts.put(className, found);
            changed = true;
        }
    }

    /**
     * The transformation of JDK class {@code internalName} kept for exactly this input: its bytes,
     * {@link #UNCHANGED}, or null when there is none (then {@link #remember} it).
     */
    synchronized byte[] transformed(String internalName, byte[] in) {
        if (off != null) {
            return null;
        }
        long crc = crc(in);
        Transformed t = classes.get(key(internalName, in.length, crc));
        if (t != null && t.length == in.length && t.crc == crc) {
            hits++;
            return t.out == null ? UNCHANGED : t.out;
        }
        misses++;
        return null;
    }

    /** Keeps the successful transformation of {@code internalName} from {@code in} ({@code out} null: unchanged). */
    synchronized void remember(String internalName, byte[] in, byte[] out) {
        long crc = crc(in);
        if (off == null && classes.size() < MAX_CLASSES) {
            classes.put(key(internalName, in.length, crc), new Transformed(internalName, in.length, crc, out));
            changed = true;
        }
    }

    /** Writes what was learned for the next JVM (when anything was); never throws. */
    synchronized void save() {
        if (off != null || !changed) {
            return;
        }
        changed = false;
        Path tmp = null;
        try {
            // Neither Files.createTempFile (its random name seeds a SecureRandom) nor the pid (ProcessHandle starts
            // the lambda machinery): tens of milliseconds each in a JVM this young. CREATE_NEW: never another's.
            tmp = file.resolveSibling(file.getFileName() + "." + Long.toHexString(System.nanoTime())
                    + Integer.toHexString(System.identityHashCode(this)) + ".tmp");
            try (OutputStream os = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16))) {
                write(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException | RuntimeException e) {
            note("not saved: " + e);
            return;
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException | RuntimeException ignored) {
                    // a temporary file in our own directory
                }
            }
        }
        try {
            evictOld();
        } catch (IOException | RuntimeException e) {
            note("could not remove old files: " + e);
        }
    }

    /**
     * Keeps the directory from growing with every rebuilt agent jar or new JDK: only the {@value #MAX_FILES} most
     * recently written files stay (a file evicted while still in use is only a miss, written again), and temporary
     * files older than an hour (left by a JVM killed while writing) go.
     */
    private void evictOld() throws IOException {
        List<Path> files = new ArrayList<>();
        long staleBefore = System.currentTimeMillis() - STALE_TMP_MILLIS;
        try (DirectoryStream<Path> d = Files.newDirectoryStream(file.getParent())) { // no glob: no regex in premain
            for (Path p : d) {
                String name = p.getFileName().toString();
                if (name.startsWith("jdk-") && name.endsWith(".bin")) {
                    files.add(p);
                } else if (name.startsWith("jdk-") && name.endsWith(".tmp")
                        && Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis() < staleBefore) {
                    Files.deleteIfExists(p);
                }
            }
        }
        if (files.size() <= MAX_FILES) {
            return;
        }
        Map<Path, Long> written = new HashMap<>();
        for (Path p : files) {
            written.put(p, Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis());
        }
        files.sort(new Comparator<Path>() { // no lambda: this runs in premain
            @Override
            public int compare(Path a, Path b) {
                return Long.compare(written.get(b), written.get(a));
            }
        });
        for (Path p : files.subList(MAX_FILES, files.size())) {
            if (!p.equals(file)) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** One line for {@code -Djlockdep.debug}. */
    synchronized String describe() {
        if (off != null) {
            return "start-up cache not used: " + off;
        }
        return "start-up cache " + file + ": " + hits + " classes reused, " + misses + " transformed anew, "
                + verdicts.size() + " choices known";
    }

    private void read() {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Map<String, Boolean> v = new HashMap<>();
        Map<String, Transformed> c = new HashMap<>();
        try (InputStream is = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
             DataInputStream in = new DataInputStream(new BufferedInputStream(is, 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT || !identity.equals(readString(in))) {
                return; // another format or a hash collision: rewritten at the end of this start-up
            }
            int n = bounded(in.readInt(), MAX_VERDICTS);
            for (int i = 0; i < n; i++) {
                v.put(readString(in), in.readBoolean());
            }
            n = bounded(in.readInt(), MAX_CLASSES);
            for (int i = 0; i < n; i++) {
                String name = readString(in);
                int length = in.readInt();
                long crc = in.readLong();
                int outLength = in.readInt();
                byte[] out = null;
                if (outLength >= 0) {
                    out = new byte[bounded(outLength, 1 << 26)];
                    in.readFully(out);
                }
                c.put(key(name, length, crc), new Transformed(name, length, crc, out));
            }
            if (in.readInt() != MAGIC) {
                return;
            }
        } catch (IOException | RuntimeException e) {
            note("ignored " + file + ": " + e);
            return;
        }
        verdicts.putAll(v);
        classes.putAll(c);
    }

    private void write(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        writeString(out, identity);
        out.writeInt(verdicts.size());
        for (Map.Entry<String, Boolean> e : verdicts.entrySet()) {
            writeString(out, e.getKey());
            out.writeBoolean(e.getValue());
        }
        out.writeInt(classes.size());
        for (Transformed t : classes.values()) {
            writeString(out, t.name);
            out.writeInt(t.length);
            out.writeLong(t.crc);
            out.writeInt(t.out == null ? -1 : t.out.length);
            if (t.out != null) {
                out.write(t.out);
            }
        }
        out.writeInt(MAGIC); // a file cut short is never taken for a whole one
    }

    private void note(String what) {
        if (debug) {
            System.err.println("jlockdep: start-up cache " + what);
        }
    }

    /**
     * Null when {@code dir} can hold code this JVM will load: created if missing (owner only), a directory of
     * its own (not a link) that belongs to this user and that nobody else can write; else why not.
     */
    static String usableDirectory(Path dir) {
        try {
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return dir + " is not a directory";
            }
            if (posix) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
                if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                    return dir + " can be written by other users";
                }
                String owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
                if (!owner.equals(System.getProperty("user.name"))) {
                    return dir + " belongs to " + owner;
                }
            }
            return null;
        } catch (AccessDeniedException e) {
            return "cannot create " + dir + " (access denied)";
        } catch (IOException | RuntimeException e) {
            return "cannot use " + dir + ": " + e;
        }
    }

    /** What the cached work depends on besides the class files (see the class comment). */
    private static String identity(String options) throws IOException {
        StringBuilder b = new StringBuilder("jlockdep start-up cache ").append(FORMAT);
        CodeSource cs = StartupCache.class.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null || !"file".equals(cs.getLocation().getProtocol())) {
            throw new IOException("the agent's own jar is unknown");
        }
        Path jar;
        try {
            jar = Paths.get(cs.getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e.getMessage());
        }
        b.append("\nagent ").append(jar).append(' ').append(Files.size(jar)).append(' ')
                .append(Files.getLastModifiedTime(jar).toMillis());
        String home = System.getProperty("java.home");
        Path modules = Paths.get(home, "lib", "modules");
        b.append("\njdk ").append(home).append(' ').append(System.getProperty("java.vm.version")).append(' ')
                .append(System.getProperty("java.runtime.version"));
        if (Files.exists(modules)) {
            b.append(' ').append(Files.size(modules)).append(' ').append(Files.getLastModifiedTime(modules).toMillis());
        }
        for (int i = 0; System.getProperty("jdk.module.patch." + i) != null; i++) {
            b.append("\npatch ").append(System.getProperty("jdk.module.patch." + i));
        }
        appendProperty(b, "jdk.module.upgrade.path");
        appendProperty(b, "jdk.boot.class.path.append");
        return b.append("\noptions ").append(options).toString();
    }

    private static void appendProperty(StringBuilder b, String name) {
        String value = System.getProperty(name);
        if (value != null) {
            b.append('\n').append(name).append(' ').append(value);
        }
    }

    /**
     * A class's entry: by its input too, since the JVM does not always hand over the same bytes for one class (it
     * rebuilds them from the loaded class, and a class shared from the CDS archive comes back other than one
     * parsed at start); one entry per class name made every such class a miss in every other JVM.
     */
    private static String key(String internalName, int length, long crc) {
        return internalName + ' ' + length + ' ' + crc;
    }

    private static long crc(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length);
        return crc.getValue();
    }

    /** FNV-1a over the identity's UTF-8: the file name (the header holds the whole identity). */
    private static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= x & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static int bounded(int n, int max) throws IOException {
        if (n < 0 || n > max) {
            throw new IOException("bad count " + n);
        }
        return n;
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = new byte[bounded(in.readInt(), 1 << 20)];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }
}

package io.jlockdep.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up cache gives back exactly what was kept for exactly the same input, and nothing in any other case:
 * another input, other options, a damaged file, a directory others can write, {@code cache=off}.
 */
class StartupCacheTest {
    private static final String OPTIONS = "include=[] exclude=[] waits=[] sections=[] events=true";
    private static final byte[] IN = "a class file".getBytes();
    private static final byte[] OUT = "the class file with hooks".getBytes();

    @TempDir
    Path tmp;

    private Path dir() {
        return tmp.resolve("cache");
    }

    private StartupCache filled() {
        StartupCache c = StartupCache.open(dir(), OPTIONS, false);
        assertNull(c.transformed("java/util/Vector", IN));
        c.remember("java/util/Vector", IN, OUT);
        c.remember("java/util/ArrayList", IN, null);
        c.rememberLockCode("java.util.Vector", true);
        c.rememberLockCode("java.util.ArrayList", false);
        c.save();
        return c;
    }

    @Test
    void theNextJvmGetsBackWhatWasKept() {
        filled();
        StartupCache next = StartupCache.open(dir(), OPTIONS, false);
        assertArrayEquals(OUT, next.transformed("java/util/Vector", IN));
        assertSame(StartupCache.UNCHANGED, next.transformed("java/util/ArrayList", IN));
        assertEquals(Boolean.TRUE, next.knownLockCode("java.util.Vector"));
        assertEquals(Boolean.FALSE, next.knownLockCode("java.util.ArrayList"));
        assertNull(next.knownLockCode("java.util.HashMap"));
        assertTrue(next.describe().contains("2 classes reused, 0 transformed anew, 2 choices known"), next.describe());
    }

    @Test
    void anotherInputIsAMiss() {
        filled();
        StartupCache next = StartupCache.open(dir(), OPTIONS, false);
        assertNull(next.transformed("java/util/Vector", "a class file, changed".getBytes()));
        byte[] sameLength = IN.clone();
        sameLength[0] ^= 1;
        assertNull(next.transformed("java/util/Vector", sameLength));
        assertNull(next.transformed("java/util/Hashtable", IN));
    }

    @Test
    void twoInputsOfOneClassAreBothKept() {
        byte[] other = "the same class, rebuilt otherwise by the JVM".getBytes();
        byte[] otherOut = "that one with hooks".getBytes();
        StartupCache c = filled();
        c.remember("java/util/Vector", other, otherOut);
        c.save();
        StartupCache next = StartupCache.open(dir(), OPTIONS, false);
        assertArrayEquals(OUT, next.transformed("java/util/Vector", IN));
        assertArrayEquals(otherOut, next.transformed("java/util/Vector", other));
    }

    @Test
    void otherOptionsAreAnotherCache() {
        filled();
        StartupCache other = StartupCache.open(dir(), OPTIONS.replace("events=true", "events=false"), false);
        assertNull(other.transformed("java/util/Vector", IN));
        assertNull(other.knownLockCode("java.util.Vector"));
    }

    @Test
    void aDamagedFileIsIgnoredAndReplaced() throws IOException {
        filled();
        Path file = single(dir());
        byte[] whole = Files.readAllBytes(file);
        for (int cut : new int[] {0, 3, 9, whole.length / 2, whole.length - 1}) {
            Files.write(file, java.util.Arrays.copyOf(whole, cut));
            StartupCache next = StartupCache.open(dir(), OPTIONS, false);
            assertNull(next.transformed("java/util/Vector", IN), "cut at " + cut);
            assertNull(next.knownLockCode("java.util.Vector"), "cut at " + cut);
        }
        byte[] garbage = whole.clone();
        for (int i = 8; i < garbage.length; i += 7) {
            garbage[i] = (byte) 0xff;
        }
        Files.write(file, garbage);
        StartupCache next = StartupCache.open(dir(), OPTIONS, false);
        assertNull(next.transformed("java/util/Vector", IN));
        next.remember("java/util/Vector", IN, OUT);
        next.save();
        assertArrayEquals(OUT, StartupCache.open(dir(), OPTIONS, false).transformed("java/util/Vector", IN));
    }

    @Test
    void nothingIsWrittenWhenNothingWasLearned() throws IOException {
        filled();
        Path file = single(dir());
        long before = Files.getLastModifiedTime(file).toMillis();
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(before - 60_000));
        StartupCache next = StartupCache.open(dir(), OPTIONS, false);
        next.transformed("java/util/Vector", IN);
        next.knownLockCode("java.util.Vector");
        next.save();
        assertEquals(before - 60_000, Files.getLastModifiedTime(file).toMillis());
        assertEquals(1, files(dir()).size(), "no temporary file left behind");
    }

    @Test
    void offKeepsNothing() throws IOException {
        StartupCache off = StartupCache.open(null, OPTIONS, false);
        off.remember("java/util/Vector", IN, OUT);
        off.rememberLockCode("java.util.Vector", true);
        off.save();
        assertNull(off.transformed("java/util/Vector", IN));
        assertNull(off.knownLockCode("java.util.Vector"));
        assertTrue(off.describe().startsWith("start-up cache not used"), off.describe());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void theDirectoryIsMadeForTheUserAlone() throws IOException {
        assumeTrue(posix());
        filled();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir())));
    }

    @Test
    void aDirectoryOthersCanWriteIsNotUsed() throws IOException {
        assumeTrue(posix());
        filled();
        Files.setPosixFilePermissions(dir(), PosixFilePermissions.fromString("rwxrwxrwx"));
        StartupCache c = StartupCache.open(dir(), OPTIONS, false);
        assertNull(c.transformed("java/util/Vector", IN), "a file others could have written is never read");
        assertTrue(c.describe().contains("can be written by other users"), c.describe());
        c.remember("java/util/Hashtable", IN, OUT);
        c.save();
        assertEquals(1, files(dir()).size());
    }

    @Test
    void aLinkOrAFileIsNotADirectoryToUse() throws IOException {
        assumeTrue(posix());
        filled();
        Path link = Files.createSymbolicLink(tmp.resolve("link"), dir());
        StartupCache c = StartupCache.open(link, OPTIONS, false);
        assertNull(c.transformed("java/util/Vector", IN));
        assertTrue(c.describe().contains("is not a directory"), c.describe());
        Path file = Files.write(tmp.resolve("plain"), IN);
        assertTrue(StartupCache.open(file, OPTIONS, false).describe().contains("is not a directory"));
    }

    @Test
    void aMissingParentIsCreatedAndAnUnwritableOneIsNoError() throws IOException {
        Path deep = tmp.resolve("a/b/c");
        StartupCache c = StartupCache.open(deep, OPTIONS, false);
        c.remember("java/util/Vector", IN, OUT);
        c.save();
        assertArrayEquals(OUT, StartupCache.open(deep, OPTIONS, false).transformed("java/util/Vector", IN));
        assumeTrue(posix() && !"root".equals(System.getProperty("user.name")));
        Path locked = Files.createDirectory(tmp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
        StartupCache no = StartupCache.open(locked.resolve("cache"), OPTIONS, false);
        no.remember("java/util/Vector", IN, OUT);
        no.save();
        assertFalse(Files.exists(locked.resolve("cache")));
    }

    @Test
    void onlyTheNewestFilesStay() throws IOException {
        Files.createDirectories(dir());
        Path stale = Files.write(dir().resolve("jdk-1234.bin.5678.tmp"), IN);
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - 2 * 3_600_000L));
        Path writing = Files.write(dir().resolve("jdk-1234.bin.9abc.tmp"), IN);
        for (int i = 0; i < 20; i++) {
            StartupCache c = StartupCache.open(dir(), OPTIONS + " v" + i, false);
            c.remember("java/util/Vector", IN, OUT);
            c.save();
            for (Path p : files(dir())) { // written one second apart, as far as modification times tell
                Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(
                        Files.getLastModifiedTime(p).toMillis() - 1000));
            }
        }
        assertFalse(Files.exists(stale), "a temporary file an hour old is a dead JVM's");
        assertTrue(Files.exists(writing), "a recent one may be another JVM's, being written");
        Files.delete(writing);
        assertEquals(16, files(dir()).size());
        assertArrayEquals(OUT, StartupCache.open(dir(), OPTIONS + " v19", false).transformed("java/util/Vector", IN));
        assertNull(StartupCache.open(dir(), OPTIONS + " v0", false).transformed("java/util/Vector", IN));
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.collect(Collectors.toList());
        }
    }

    private static Path single(Path dir) throws IOException {
        List<Path> all = files(dir);
        assertEquals(1, all.size(), all::toString);
        return all.get(0);
    }
}

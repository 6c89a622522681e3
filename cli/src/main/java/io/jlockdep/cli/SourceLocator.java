package io.jlockdep.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a stack frame (class, file name, line) into a source location for SARIF. The path by package
 * ({@code com/acme/Bank.java}) is looked up under the source roots: those given with
 * {@code --source-root}, else {@code src/main/java} and {@code src/test/java} of the working directory and
 * of its subdirectories (modules), searched a bounded number of levels and directories deep. A file found
 * is named relative to the working directory (SARIF {@code uriBaseId %SRCROOT%}); one not found keeps the
 * path by package, without a base. A path that would leave the source root ({@code ..}, absolute) gives no
 * location.
 */
public final class SourceLocator {
    /** The {@code uriBaseId} of paths relative to the working directory. */
    static final String SRCROOT = "%SRCROOT%";
    private static final int MAX_DEPTH = 8;
    private static final int MAX_DIRECTORIES = 20_000;
    private static final String[] SKIP = {"target", "build", "node_modules", "out", "bin"};

    private final Path workDir;
    private final List<Path> explicit;
    private List<Path> roots;
    private final Map<String, Path> cache = new HashMap<>();

    private SourceLocator(Path workDir, List<Path> explicit) {
        this.workDir = workDir.toAbsolutePath().normalize();
        this.explicit = explicit;
    }

    /**
     * A locator for the {@code --source-root} arguments (may be empty: then the default search).
     *
     * @throws CliException for a source root that is not a directory
     */
    public static SourceLocator create(List<String> rootArgs, Path workDir) throws CliException {
        List<Path> explicit = new ArrayList<>();
        for (String r : rootArgs) {
            Path p = workDir.resolve(r).toAbsolutePath().normalize();
            if (!Files.isDirectory(p)) {
                throw CliException.file(r, Files.exists(p) ? "not a directory (--source-root)"
                        : "no such directory (--source-root)");
            }
            explicit.add(p);
        }
        return new SourceLocator(workDir, explicit);
    }

    /** A location in a source file. */
    static final class Location {
        /** A relative URI reference (percent-encoded) or an absolute {@code file:} URI. */
        final String uri;
        /** {@link #SRCROOT} for a file found under the working directory, else null. */
        final String uriBaseId;
        /** The 1-based line, or -1. */
        final int line;

        Location(String uri, String uriBaseId, int line) {
            this.uri = uri;
            this.uriBaseId = uriBaseId;
            this.line = line;
        }
    }

    /** The location of {@code f}, or null when it has no file name. */
    Location locate(Frame f) {
        String byPackage = f.packagePath();
        if (byPackage == null || !confined(byPackage)) {
            return null;
        }
        Path found = find(byPackage);
        if (found == null) {
            return new Location(encode(byPackage), null, f.line);
        }
        if (found.startsWith(workDir)) {
            String rel = workDir.relativize(found).toString().replace('\\', '/');
            return new Location(encode(rel), SRCROOT, f.line);
        }
        return new Location(found.toUri().toASCIIString(), null, f.line);
    }

    /**
     * Whether {@code path} (package directories and a class file's {@code SourceFile}, both from a recording)
     * names a file under a source root: relative, no {@code .}, {@code ..} or empty segment, no {@code \\} or
     * {@code :} (a Windows separator or drive). A {@code SourceFile} of {@code ../../../../etc/passwd} would
     * otherwise point a SARIF location outside the sources.
     */
    static boolean confined(String path) {
        if (path.isEmpty() || path.indexOf('\\') >= 0 || path.indexOf(':') >= 0) {
            return false;
        }
        for (String seg : path.split("/", -1)) {
            if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** The location of a file the user named (a recording): line 1, relative to the working directory if inside. */
    Location file(String name) {
        Path p = workDir.resolve(name).toAbsolutePath().normalize();
        if (p.startsWith(workDir)) {
            return new Location(encode(workDir.relativize(p).toString().replace('\\', '/')), SRCROOT, -1);
        }
        return new Location(p.toUri().toASCIIString(), null, -1);
    }

    /** The working directory as a {@code file:} URI ending in {@code /}: the value of {@link #SRCROOT}. */
    String srcRootUri() {
        String u = workDir.toUri().toASCIIString();
        return u.endsWith("/") ? u : u + "/";
    }

    private Path find(String byPackage) {
        if (cache.containsKey(byPackage)) {
            return cache.get(byPackage);
        }
        Path hit = null;
        for (Path root : roots()) {
            Path p = root.resolve(byPackage);
            if (Files.isRegularFile(p)) {
                hit = p.normalize();
                break;
            }
        }
        cache.put(byPackage, hit);
        return hit;
    }

    /** The roots searched, in order. */
    List<Path> roots() {
        if (roots != null) {
            return roots;
        }
        if (!explicit.isEmpty()) {
            roots = explicit;
            return roots;
        }
        final List<Path> top = new ArrayList<>();
        for (String s : new String[] {"src/main/java", "src/test/java"}) {
            Path p = workDir.resolve(s);
            if (Files.isDirectory(p)) {
                top.add(p);
            }
        }
        final List<Path> nested = new ArrayList<>();
        final int[] visited = {0};
        try {
            Files.walkFileTree(workDir, EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH,
                    new FileVisitor<Path>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            if (++visited[0] > MAX_DIRECTORIES) {
                                return FileVisitResult.TERMINATE;
                            }
                            if (!dir.equals(workDir) && skipped(dir.getFileName().toString())) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            if (isSourceRoot(dir)) {
                                if (!top.contains(dir)) {
                                    nested.add(dir);
                                }
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException exc) {
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException | RuntimeException e) {
            // search what was found so far
        }
        Collections.sort(nested);
        List<Path> all = new ArrayList<>(top);
        all.addAll(nested);
        roots = all;
        return roots;
    }

    private static boolean skipped(String name) {
        if (name.startsWith(".")) {
            return true;
        }
        for (String s : SKIP) {
            if (s.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSourceRoot(Path dir) {
        int n = dir.getNameCount();
        if (n < 3 || !dir.getFileName().toString().equals("java")) {
            return false;
        }
        String set = dir.getName(n - 2).toString();
        return (set.equals("main") || set.equals("test")) && dir.getName(n - 3).toString().equals("src");
    }

    /** Percent-encodes what a relative URI reference cannot hold as is (keeps {@code /}). */
    static String encode(String path) {
        StringBuilder sb = new StringBuilder(path.length() + 8);
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~/!$&'()*+,;=@".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}

package io.jlockdep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frames to source files: the default search, explicit roots, URIs. */
class SourceLocatorTest {
    @TempDir
    Path dir;

    private void touch(String rel) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "//\n");
    }

    @Test
    void defaultRootsAreTheTopOnesThenNestedModulesSkippingBuildOutput() throws Exception {
        touch("src/main/java/a/A.java");
        touch("src/test/java/a/ATest.java");
        touch("lib/core/src/main/java/b/B.java");
        touch("lib/app/src/test/java/b/BTest.java");
        touch("target/gen/src/main/java/c/C.java");
        touch(".git/src/main/java/c/C.java");
        touch("node_modules/x/src/main/java/c/C.java");
        SourceLocator s = SourceLocator.create(List.of(), dir);
        assertEquals(List.of(dir.resolve("src/main/java"), dir.resolve("src/test/java"),
                dir.resolve("lib/app/src/test/java"), dir.resolve("lib/core/src/main/java")), s.roots());

        SourceLocator.Location a = s.locate(Frame.parse("a.A.run(A.java:3)"));
        assertEquals("src/main/java/a/A.java", a.uri);
        assertEquals("%SRCROOT%", a.uriBaseId);
        assertEquals(3, a.line);
        assertEquals("lib/core/src/main/java/b/B.java", s.locate(Frame.parse("b.B$1.run(B.java:9)")).uri);
        SourceLocator.Location c = s.locate(Frame.parse("c.C.run(C.java:1)"));
        assertEquals("c/C.java", c.uri, "not found: the path by package");
        assertNull(c.uriBaseId);
        assertNull(s.locate(Frame.parse("c.C.run(Unknown Source)")));
        assertTrue(s.srcRootUri().startsWith("file:/") && s.srcRootUri().endsWith("/"), s.srcRootUri());
    }

    @Test
    void explicitRootsReplaceTheSearchAndMayLieOutside(@TempDir Path outside) throws Exception {
        touch("src/main/java/a/A.java");
        Path ext = Files.createDirectories(outside.resolve("src with space"));
        Files.createDirectories(ext.resolve("a"));
        Files.writeString(ext.resolve("a/A.java"), "//");
        SourceLocator s = SourceLocator.create(List.of(ext.toString()), dir);
        SourceLocator.Location a = s.locate(Frame.parse("a.A.run(A.java:3)"));
        assertTrue(a.uri.startsWith("file:/") && a.uri.endsWith("/src%20with%20space/a/A.java"), a.uri);
        assertNull(a.uriBaseId);
    }

    @Test
    void uriEncoding() {
        assertEquals("com/acme/Bank.java", SourceLocator.encode("com/acme/Bank.java"));
        assertEquals("my%20dir/%C3%A9t%C3%A9/A%23B%3F.java", SourceLocator.encode("my dir/été/A#B?.java"));
        assertEquals("a%3Ab/c%25d", SourceLocator.encode("a:b/c%d"));
    }
}

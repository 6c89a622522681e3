package io.jlockdep.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.utility.OpenedClassReader;
import org.junit.jupiter.api.Test;

/**
 * {@link ClassTransformer} copies the methods {@link LockCodeScan} finds nothing in without parsing them: on
 * every class of {@code java.base} and of every jar and directory on the test class path (JUnit, Logback, picocli,
 * the engine, the fence core and its annotated classes, this module's samples), every method has the same hook
 * calls as when every method is parsed — so the scan misses no method that the rewriting or the hooks change.
 */
class ClassTransformerTest {
    private static final Installer.MethodFilter NONE = new Installer.MethodFilter() {
        @Override
        public boolean matches(String className, String methodName) {
            return false;
        }

        @Override
        public boolean matchesClass(String className) {
            return false;
        }
    };

    @Test
    void copyingUnscannedMethodsChangesNoOutput() throws IOException {
        ClassTransformer scanning = new ClassTransformer(new Scope(null, null), NONE, NONE, true, false, true);
        ClassTransformer parsing = new ClassTransformer(new Scope(null, null), NONE, NONE, true, false, false);
        List<String> different = new ArrayList<>();
        int[] counts = new int[2];
        for (Clazz c : classes()) {
            byte[] a = scanning.transform(c.name, c.bytes);
            byte[] b = parsing.transform(c.name, c.bytes);
            counts[0]++;
            if (b != null) {
                counts[1]++;
            }
            Map<String, List<String>> hooksA = hookCalls(a);
            Map<String, List<String>> hooksB = hookCalls(b);
            if (!hooksA.equals(hooksB)) {
                different.add(c.name + ": " + hooksA + " vs " + hooksB);
            }
        }
        assertEquals(List.of(), different, "classes whose output depends on the scan");
        assertEquals(0, scanning.errors(), scanning.firstError());
        assertTrue(counts[0] > 5000 && counts[1] > 500, counts[0] + " classes, " + counts[1] + " changed");
    }

    @Test
    void onlyMethodsWithSomethingToChangeAreParsed() throws IOException {
        byte[] sample;
        try (InputStream in = WeaverSample.class.getResourceAsStream("WeaverSample.class")) {
            sample = in.readAllBytes();
        }
        assertTrue(LockCodeScan.methodsToRewrite(sample, true).contains("empty()V"), "synchronized: visited");
        assertTrue(!LockCodeScan.methodsToRewrite(sample, true).contains("loop(I)J"), "nothing to change: copied");
    }

    /** A class with no lock code is left as it is unparsed, but a Thread subclass's run() still gets its hooks. */
    @Test
    void threadBodyWithoutLockCodeIsHooked() throws IOException {
        byte[] body;
        try (InputStream in = ThreadBodySample.class.getResourceAsStream("ClassTransformerTest$ThreadBodySample.class")) {
            body = in.readAllBytes();
        }
        assertEquals(java.util.Set.of("run()V"), LockCodeScan.methodsToRewrite(body, true));
        ClassTransformer scanning = new ClassTransformer(new Scope(null, null), NONE, NONE, true, false, true);
        // Under a program's name: jlockdep's own classes are never rewritten.
        Map<String, List<String>> hooks = hookCalls(scanning.transform("org/example/ThreadBody", body));
        assertEquals(java.util.Set.of("run()V"), hooks.keySet(), "hooked methods: " + hooks);
        assertEquals(java.util.Set.of(), LockCodeScan.methodsToRewrite(body, false), "a JDK class: no thread body");
    }

    /** A direct Thread subclass with no lock code at all. */
    static final class ThreadBodySample extends Thread {
        int runs;

        @Override
        public void run() {
            runs++;
        }

        static void run(int times) {
            // a static run(I)V is not the thread body
        }
    }

    /** Per method (name + descriptor), the hook calls in it, in order; empty for null (left as it was). */
    private static Map<String, List<String>> hookCalls(byte[] classFile) {
        Map<String, List<String>> out = new TreeMap<>();
        if (classFile == null) {
            return out;
        }
        new ClassReader(classFile).accept(new ClassVisitor(OpenedClassReader.ASM_API) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                List<String> calls = new ArrayList<>();
                return new MethodVisitor(OpenedClassReader.ASM_API) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String n, String d, boolean itf) {
                        if (owner.startsWith("io/jlockdep/bootstrap/")) {
                            calls.add(owner.substring(owner.lastIndexOf('/') + 1) + "." + n + d);
                        }
                    }

                    @Override
                    public void visitEnd() {
                        if (!calls.isEmpty()) {
                            out.put(name + descriptor, calls);
                        }
                    }
                };
            }
        }, ClassReader.SKIP_FRAMES);
        return out;
    }

    private static final class Clazz {
        final String name;
        final byte[] bytes;

        Clazz(String name, byte[] bytes) {
            this.name = name;
            this.bytes = bytes;
        }
    }

    private static List<Clazz> classes() throws IOException {
        List<Clazz> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File f = new File(entry);
            if (f.isDirectory()) {
                try (Stream<Path> files = Files.walk(f.toPath())) {
                    for (Path p : (Iterable<Path>) files::iterator) {
                        String rel = f.toPath().relativize(p).toString().replace(File.separatorChar, '/');
                        if (rel.endsWith(".class") && !rel.endsWith("module-info.class")) {
                            out.add(new Clazz(rel.substring(0, rel.length() - 6), Files.readAllBytes(p)));
                        }
                    }
                }
            } else if (f.getName().endsWith(".jar") && f.isFile()) {
                try (ZipFile zip = new ZipFile(f)) {
                    Enumeration<? extends ZipEntry> entries = zip.entries();
                    while (entries.hasMoreElements()) {
                        ZipEntry e = entries.nextElement();
                        String n = e.getName();
                        if (n.endsWith(".class") && !n.endsWith("module-info.class") && !n.startsWith("META-INF/")) {
                            try (InputStream in = zip.getInputStream(e)) {
                                out.add(new Clazz(n.substring(0, n.length() - 6), in.readAllBytes()));
                            }
                        }
                    }
                }
            }
        }
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        Path base = jrt.getPath("/modules/java.base");
        try (Stream<Path> files = Files.walk(base)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String rel = base.relativize(p).toString();
                if (rel.endsWith(".class") && !rel.endsWith("module-info.class")) {
                    out.add(new Clazz(rel.substring(0, rel.length() - 6), Files.readAllBytes(p)));
                }
            }
        }
        return out;
    }
}

package io.jlockdep.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent's own classes (Byte Buddy, Logback, reporting, the CLI), stored in the agent jar as
 * {@code inst/<name>.classdata} so that no other loader can see them. Resources are served from
 * {@code inst/} too, with {@code .class} names mapped to the stored {@code .classdata} entries, which is
 * how Byte Buddy reads advice class files.
 */
final class AgentClassLoader extends ClassLoader {
    private static final String PREFIX = "inst/";

    static {
        registerAsParallelCapable();
    }

    private final File file;
    private final JarFile jar;
    private final ProtectionDomain domain;

    AgentClassLoader(File file, ClassLoader parent) throws IOException {
        super("jlockdep-agent", parent);
        this.file = file;
        this.jar = new JarFile(file, false);
        this.domain = new ProtectionDomain(new CodeSource(file.toURI().toURL(), (Certificate[]) null), null, this,
                null);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + ".classdata");
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        try (InputStream in = jar.getInputStream(entry)) {
            byte[] bytes = readAll(in);
            definePackageFor(name);
            return defineClass(name, bytes, 0, bytes.length, domain);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }

    private void definePackageFor(String className) {
        int dot = className.lastIndexOf('.');
        if (dot > 0) {
            String pkg = className.substring(0, dot);
            if (getDefinedPackage(pkg) == null) {
                try {
                    definePackage(pkg, null, null, null, null, null, null, null);
                } catch (IllegalArgumentException raced) {
                    // defined concurrently: fine
                }
            }
        }
    }

    @Override
    protected URL findResource(String name) {
        String stored = name.endsWith(".class")
                ? PREFIX + name.substring(0, name.length() - ".class".length()) + ".classdata"
                : PREFIX + name;
        if (jar.getEntry(stored) == null) {
            return null;
        }
        try {
            return new URL("jar:" + file.toURI() + "!/" + stored);
        } catch (MalformedURLException e) {
            return null;
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.<URL>emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}

package io.jlockdep.cli;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.security.CodeSource;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** The tool's name, version (the agent jar's {@code Implementation-Version}) and home page. */
public final class Version {
    public static final String NAME = "jlockdep";
    /** Where SARIF consumers send users for the tool; the jar's {@code Implementation-URL} wins when present. */
    static final String DEFAULT_INFORMATION_URI = "https://github.com/jlockdep/jlockdep";

    private static volatile String[] cached;

    private Version() {
    }

    /** The version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown} outside the agent jar. */
    public static String version() {
        return values()[0];
    }

    /** Whether {@link #version()} is a real version (not {@code unknown}). */
    static boolean known() {
        return !"unknown".equals(version());
    }

    /** The tool's home page for SARIF's {@code informationUri}. */
    static String informationUri() {
        return values()[1];
    }

    private static String[] values() {
        String[] v = cached;
        if (v == null) {
            v = read();
            cached = v;
        }
        return v;
    }

    private static String[] read() {
        String version = null;
        String uri = null;
        try {
            CodeSource cs = Version.class.getProtectionDomain().getCodeSource();
            if (cs != null && cs.getLocation() != null) {
                File f = new File(cs.getLocation().toURI());
                if (f.isFile()) {
                    try (JarFile jar = new JarFile(f, false)) {
                        Manifest m = jar.getManifest();
                        if (m != null) {
                            version = m.getMainAttributes().getValue("Implementation-Version");
                            uri = m.getMainAttributes().getValue("Implementation-URL");
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // unknown version
        }
        return new String[] {
            version == null || version.isEmpty() ? "unknown" : version,
            uri == null || uri.isEmpty() ? DEFAULT_INFORMATION_URI : uri,
        };
    }
}

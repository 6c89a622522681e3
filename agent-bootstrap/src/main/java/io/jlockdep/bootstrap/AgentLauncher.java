package io.jlockdep.bootstrap;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.util.jar.JarFile;

/**
 * The agent jar's entry point, for {@code -javaagent} and for {@code java -jar}.
 *
 * <p>The jar's manifest lists the jar itself in {@code Boot-Class-Path}, so the engine and the hooks are
 * bootstrap classes where {@code java.base} can call them. When the jar was renamed that entry misses;
 * the launcher then appends the jar at run time (the JVM prints a CDS warning in that case). The agent's
 * own classes ({@code inst/*.classdata}) are loaded by an {@link AgentClassLoader} and reached only
 * reflectively: this class must not refer to them, nor to the hooks, by name.
 */
public final class AgentLauncher {
    private static final String AGENT = "io.jlockdep.agent.Agent";
    private static final String CLI = "io.jlockdep.cli.internal.Main";

    private AgentLauncher() {
    }

    /** {@code -javaagent:jlockdep-agent.jar[=options]}. */
    public static void premain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    /** Dynamic attach: supported the same way, though locks taken before it are not known. */
    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    /** {@code java -jar jlockdep-agent.jar COMMAND …}: the command-line tool. */
    public static void main(String[] args) {
        int status;
        try {
            AgentClassLoader loader = new AgentClassLoader(ownJar(), parent());
            Class<?> cli;
            try {
                cli = Class.forName(CLI, true, loader);
            } catch (ClassNotFoundException e) {
                System.err.println("jlockdep: the command-line tool is not in this build; use this jar as -javaagent:jlockdep-agent.jar[=options]");
                status = 2;
                System.exit(status);
                return;
            }
            Method run = cli.getMethod("run", String[].class);
            status = (Integer) run.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            System.err.println("jlockdep: internal error: " + e.getCause());
            status = 2;
        } catch (Exception e) {
            System.err.println("jlockdep: cannot start: " + e);
            status = 2;
        }
        System.exit(status);
    }

    /** @param atLaunch whether this is {@code premain}, run by the thread that will run {@code main} */
    private static void start(String args, Instrumentation inst, boolean atLaunch) {
        try {
            File jar = ownJar();
            if (AgentLauncher.class.getClassLoader() != null && !onBootPath()) {
                // Renamed jar: Boot-Class-Path missed it. Appending now works the same, at the price of the
                // JVM's CDS warning.
                inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
            }
            AgentClassLoader loader = new AgentClassLoader(jar, parent());
            Class<?> agent = Class.forName(AGENT, true, loader);
            agent.getMethod("install", String.class, Instrumentation.class, boolean.class)
                    .invoke(null, args, inst, atLaunch);
        } catch (InvocationTargetException e) {
            fail(e.getCause());
        } catch (Throwable t) {
            fail(t);
        }
    }

    private static void fail(Throwable t) {
        System.err.println("jlockdep: the agent could not start: " + t);
        System.exit(2);
    }

    private static boolean onBootPath() {
        try {
            Class.forName("io.jlockdep.bootstrap.EngineHolder", false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The agent's classes need the engine: from the boot loader under the agent, the app loader for the CLI. */
    private static ClassLoader parent() {
        ClassLoader own = AgentLauncher.class.getClassLoader();
        return own != null ? own : ClassLoader.getPlatformClassLoader();
    }

    private static File ownJar() throws URISyntaxException {
        java.security.CodeSource cs = AgentLauncher.class.getProtectionDomain().getCodeSource();
        if (cs != null && cs.getLocation() != null) {
            return new File(cs.getLocation().toURI());
        }
        // Boot-loaded classes have no code source; the JVM also put the agent jar on the system class
        // path, so ask there for a resource only this jar has.
        java.net.URL url = ClassLoader.getSystemResource("inst/io/jlockdep/agent/Agent.classdata");
        if (url != null && "jar".equals(url.getProtocol())) {
            String spec = url.getPath();
            int bang = spec.indexOf("!/");
            if (bang > 0) {
                return new File(new java.net.URI(spec.substring(0, bang)));
            }
        }
        throw new IllegalStateException("cannot find the jlockdep agent jar");
    }

    private static boolean hasLauncher(File f) {
        try (JarFile jar = new JarFile(f)) {
            return jar.getEntry("io/jlockdep/bootstrap/AgentLauncher.class") != null
                    && jar.getEntry("inst/io/jlockdep/agent/Agent.classdata") != null;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}

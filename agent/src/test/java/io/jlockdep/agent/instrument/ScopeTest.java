package io.jlockdep.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Scope}: every class by default, JDK modules included, minus the deny list; then include/exclude. */
class ScopeTest {
    private final Scope defaults = new Scope(null, null);

    @Test
    void everyJdkModuleIsRewrittenByDefault() {
        for (String c : new String[] {"java.beans.beancontext.BeanContextSupport", "java.util.Hashtable",
                "java.io.PrintStream", "java.sql.DriverManager", "javax.swing.JComponent", "java.awt.Component",
                "java.net.InetAddress", "java.util.logging.StreamHandler", "java.rmi.server.RMIClassLoader",
                "com.sun.org.apache.xerces.internal.impl.XMLEntityManager", "sun.rmi.server.UnicastServerRef",
                "java.lang.StringBuffer", "com.acme.App"}) {
            assertTrue(defaults.rewrites(c), c);
        }
    }

    @Test
    void whatTheAgentRunsOnAndTheFalseCyclesAreNot() {
        for (String c : new String[] {"java.lang.Thread", "java.lang.ClassLoader", "java.lang.invoke.MethodHandle",
                "jdk.internal.loader.BuiltinClassLoader", "jdk.jfr.Recording", "jdk.jfr.internal.PlatformRecorder",
                "java.util.concurrent.locks.ReentrantLock", "java.util.concurrent.ForkJoinPool",
                "java.util.zip.ZipFile", "sun.net.www.protocol.jar.JarFileFactory", "sun.security.util.Cache",
                "java.security.SecureClassLoader", "sun.nio.cs.StreamEncoder", "sun.font.FontManagerFactory",
                "sun.rmi.transport.Target", "java.net.URL", "sun.instrument.TransformerManager",
                "jdk.proxy2.$Proxy12", "com.sun.proxy.$Proxy3", "java.net.URLClassLoader", "io.jlockdep.core.Lockdep",
                "net.bytebuddy.ByteBuddy", "com.acme.App$$Lambda$14/0x1234",
                "org.jacoco.agent.rt.internal_bac9136.core.runtime.RuntimeData"}) {
            assertFalse(defaults.rewrites(c), c);
        }
        assertTrue(defaults.rewrites("java.net.URLConnection"), "exact names only");
    }

    @Test
    void includeAndExcludeNarrowIt() {
        Scope s = new Scope(c -> c.startsWith("java.beans.") || c.startsWith("java.lang."),
                c -> c.equals("java.beans.Beans"));
        assertTrue(s.rewrites("java.beans.beancontext.BeanContextSupport"));
        assertFalse(s.rewrites("java.beans.Beans"), "excluded");
        assertFalse(s.rewrites("java.util.Hashtable"), "not included");
        assertFalse(s.rewrites("java.lang.Thread"), "never, even when included");
        assertTrue(s.rewrites("java.lang.StringBuffer"));
    }
}

package io.jlockdep.agent.instrument;

import io.jlockdep.core.Lockdep;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Byte Buddy's installed transformer, each call run as the agent's own work ({@link OwnWork}): its
 * matchers (with {@link LockCodeScan}), type pool, class-file locator, circularity lock and rewriting take
 * locks of instrumented JDK classes ({@code ConcurrentHashMap} bins, {@code Hashtable}, streams) on the
 * thread that loads the class. Installed through {@code AgentBuilder.with(TransformerDecorator)}, so it is
 * the transformer the JVM calls, on first load and on retransformation alike.
 *
 * <p>A class defined with {@code defineClass(null, ..)} reaches transformers without a name, and Byte
 * Buddy leaves name-less classes alone; such a class gets the name its class file declares, so the
 * {@link Scope} decides on its real name like on any other.
 */
final class OwnWorkTransformer extends ResettableClassFileTransformer.WithDelegation {
    OwnWorkTransformer(ResettableClassFileTransformer delegate) {
        super(delegate);
    }

    @Override
    public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                            byte[] classFile) throws IllegalClassFormatException {
        Lockdep e = OwnWork.enter();
        try {
            return classFileTransformer.transform(loader, named(name, classFile), redefined, domain, classFile);
        } finally {
            OwnWork.leave(e);
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                            ProtectionDomain domain, byte[] classFile) throws IllegalClassFormatException {
        Lockdep e = OwnWork.enter();
        try {
            return classFileTransformer.transform(module, loader, named(name, classFile), redefined, domain,
                    classFile);
        } finally {
            OwnWork.leave(e);
        }
    }

    /** {@code name}, or when null the internal name {@code classFile} declares (null if it cannot be read). */
    static String named(String name, byte[] classFile) {
        if (name != null || classFile == null) {
            return name;
        }
        try {
            return OpenedClassReader.of(classFile).getClassName();
        } catch (RuntimeException e) {
            return null;
        }
    }
}

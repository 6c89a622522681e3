package io.jlockdep.agent.instrument;

import io.jlockdep.core.Lockdep;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * The installed transformer, each call run as the agent's own work ({@link OwnWork}): reading class files
 * ({@link LockCodeScan}) and the transformation's own collections take locks of instrumented JDK classes on
 * the thread that loads the class, often while it holds the program's locks. It is the transformer the JVM
 * calls, on first load and on retransformation alike.
 *
 * <p>A class defined with {@code defineClass(null, ..)} reaches transformers without a name; such a class
 * gets the name its class file declares, so the {@link Scope} decides on its real name like on any other.
 */
final class OwnWorkTransformer implements ClassFileTransformer {
    private final ClassFileTransformer delegate;

    OwnWorkTransformer(ClassFileTransformer delegate) {
        this.delegate = delegate;
    }

    @Override
    public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                            byte[] classFile) throws IllegalClassFormatException {
        Lockdep e = OwnWork.enter();
        try {
            return delegate.transform(loader, named(name, classFile), redefined, domain, classFile);
        } finally {
            OwnWork.leave(e);
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                            ProtectionDomain domain, byte[] classFile) throws IllegalClassFormatException {
        Lockdep e = OwnWork.enter();
        try {
            return delegate.transform(module, loader, named(name, classFile), redefined, domain, classFile);
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

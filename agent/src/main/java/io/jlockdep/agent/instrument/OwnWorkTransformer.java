package io.jlockdep.agent.instrument;

import io.jlockdep.core.Lockdep;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

/**
 * Byte Buddy's installed transformer, each call run as the agent's own work ({@link OwnWork}): its
 * matchers (with {@link LockCodeScan}), type pool, class-file locator, circularity lock and rewriting take
 * locks of instrumented JDK classes ({@code ConcurrentHashMap} bins, {@code Hashtable}, streams) on the
 * thread that loads the class. Installed through {@code AgentBuilder.with(TransformerDecorator)}, so it is
 * the transformer the JVM calls, on first load and on retransformation alike.
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
            return classFileTransformer.transform(loader, name, redefined, domain, classFile);
        } finally {
            OwnWork.leave(e);
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                            ProtectionDomain domain, byte[] classFile) throws IllegalClassFormatException {
        Lockdep e = OwnWork.enter();
        try {
            return classFileTransformer.transform(module, loader, name, redefined, domain, classFile);
        } finally {
            OwnWork.leave(e);
        }
    }
}

package io.jlockdep.bootstrap;

import io.jlockdep.core.LockClass;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.internal.misc.Unsafe;

/**
 * The field {@code BytecodeRewriter} adds to application classes that declare {@code synchronized} instance
 * methods or lock-holding fields, as they are loaded: {@code private transient synthetic Object $jlockdep$class},
 * where the allocation hooks store the object's lock class instead of in the weak identity table. Such types
 * are the ones a program allocates by the million (connections, statements, pooled objects), and a table
 * entry costs a {@code WeakReference}, a write under the table's monitor and the collector's work on both;
 * a field costs one store. Private and transient, the field leaves a {@code Serializable} class's default
 * {@code serialVersionUID} as it was; {@code clone()} copies it, so a clone has its original's class.
 *
 * <p>Read and written through {@code jdk.internal.misc.Unsafe} at an offset found once per type: the hooks
 * cannot name a field of a class their loader does not see. The agent exports that package to the hooks
 * ({@link #arm}); without it no field is added and every name stays in the table. A class retransformed
 * after it was loaded cannot gain a field; its objects keep using the table too.
 */
public final class NameField {
    /** The added field's name; its descriptor is {@link #DESCRIPTOR}. */
    public static final String NAME = "$jlockdep$class";
    /** {@code Object}: a type every class loader resolves. */
    public static final String DESCRIPTOR = "Ljava/lang/Object;";
    /** No field: the type's objects are named in the table. */
    static final long NONE = -1;

    /** Binary names of the classes given the field (a class of that name from another loader may lack it). */
    private static final Set<String> ADDED = ConcurrentHashMap.newKeySet();
    /**
     * Whether {@code Unsafe} is accessible. Read only where offsets are found: {@link #get}/{@link #set} run with
     * an offset found, so after it was true, and call {@code Unsafe.getUnsafe()} (a constant to the JIT) themselves.
     */
    private static volatile boolean armed;

    private NameField() {
    }

    /**
     * Gets ready to use the field, once the agent has exported {@code jdk.internal.misc} to this class's
     * module; returns whether the rewriter may add it.
     */
    public static boolean arm() {
        try {
            armed = Unsafe.getUnsafe() != null;
        } catch (Throwable notExported) {
            armed = false;
        }
        return armed;
    }

    /** Told by the rewriter: {@code className} (binary name) is being defined with the field. */
    public static void added(String className) {
        ADDED.add(className);
    }

    /**
     * Whether loaded class {@code c} itself declares the field: then every redefinition of it (another agent
     * retransforming it, as Mockito's inline mocks do, or a debugger's hot swap) must add it again, since a
     * redefinition cannot remove a field.
     */
    public static boolean declaredBy(Class<?> c) {
        return ADDED.contains(c.getName()) && localOffset(c) != NONE;
    }

    /** The offset of the field in objects of {@code type}, the nearest declaration up its superclasses, or {@link #NONE}. */
    static long offsetOf(Class<?> type) {
        if (ADDED.isEmpty()) {
            return NONE;
        }
        for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
            if (ADDED.contains(k.getName())) {
                long offset = localOffset(k);
                if (offset != NONE) {
                    return offset;
                }
            }
        }
        return NONE;
    }

    /** The offset of the field {@code k} declares, or {@link #NONE}. */
    private static long localOffset(Class<?> k) {
        if (!armed) {
            return NONE;
        }
        try {
            return Unsafe.getUnsafe().objectFieldOffset(k, NAME);
        } catch (Throwable absent) {
            return NONE; // this loader's class of that name was defined without it (loaded before the agent)
        }
    }

    /** The class stored in {@code o}'s field at {@code offset}, or null. */
    static LockClass get(Object o, long offset) {
        return (LockClass) Unsafe.getUnsafe().getReferenceAcquire(o, offset);
    }

    /** Stores {@code c} in {@code o}'s field at {@code offset}. */
    static void set(Object o, long offset, LockClass c) {
        Unsafe.getUnsafe().putReferenceRelease(o, offset, c);
    }
}

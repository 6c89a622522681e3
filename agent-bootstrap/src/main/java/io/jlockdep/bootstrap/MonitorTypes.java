package io.jlockdep.bootstrap;

import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * What the hooks know of a monitor's runtime type, computed once per type: whether its objects are classed
 * by where they were allocated ("noted"), and the type-level class ({@code monitor T}, {@code class T}) of
 * objects whose allocation was not seen. Site classes and type-level classes have different names, so the
 * two never merge.
 *
 * <p>Noted are: the JDK's monitor types ({@code Hashtable}, {@code Properties}, {@code Vector},
 * {@code StringBuffer}, the layered streams, the {@code Collections.synchronized*} wrappers, {@code ConcurrentHashMap} as the owner of its bins); application
 * types that declare {@code synchronized} instance methods or lock-holding fields, as
 * {@code BytecodeRewriter} reports them while rewriting (here or in a superclass); and any application type
 * from the moment one of its objects is first used as a monitor, so {@code synchronized (x)} on a plain type
 * is classed by site for the objects allocated after that.
 *
 * <p>A type also says where its objects' classes are kept: in their {@link NameField} when the rewriter gave
 * their class one, else in {@link LockNames}' weak identity table.
 */
final class MonitorTypes extends ClassValue<MonitorTypes.Type> {
    /** Application classes that declare synchronized instance methods or lock fields (binary names). */
    private static final Set<String> DECLARED = ConcurrentHashMap.newKeySet();
    private static final String[] JDK_PREFIXES = {"java.", "javax.", "jdk.", "sun.", "com.sun."};

    private final Lockdep engine;
    private final String prefix;

    MonitorTypes(Lockdep engine, String prefix) {
        this.engine = engine;
        this.prefix = prefix;
    }

    /** Called while rewriting {@code className}: it declares synchronized methods or fields holding locks. */
    static void declare(String className) {
        DECLARED.add(className);
    }

    /** Not cached by ClassValue: the hook that asked gives up, and the next one computes again. */
    private static final RuntimeException BUSY = new IllegalStateException("engine busy on this thread");

    /** One monitor type. */
    final class Type {
        private final String name;
        /** Application types start being noted when first used as a monitor; JDK types never change. */
        private final boolean learnable;
        private volatile boolean noted;
        private volatile LockClass typeClass;
        /** The offset of the objects' {@link NameField}, or {@link NameField#NONE}: then they are named in the table. */
        final long field;

        Type(String name, boolean noted, boolean learnable, long field) {
            this.name = name;
            this.noted = noted;
            this.learnable = learnable;
            this.field = field;
        }

        /** Whether allocations of this type are named by their site. */
        boolean noted() {
            return noted;
        }

        /** Whether this type's objects are never named by site (a JDK type not noted): the type class is theirs for good. */
        boolean fixed() {
            return !learnable && !noted;
        }

        /** The first use of an object of this type as a monitor: note its allocations from now on. */
        void usedAsMonitor() {
            if (learnable && !noted) {
                noted = true;
            }
        }

        /** The class of this type's objects whose allocation was not seen: {@code monitor T}. */
        LockClass typeClass() {
            LockClass c = typeClass;
            if (c == null) {
                if (engine.isCurrentThreadBusy()) {
                    // Inside the engine (creating a class takes the class map's locks): such locks are not
                    // tracked, and creating one now would recurse.
                    throw BUSY;
                }
                c = engine.lockClass(prefix + name).markManyRoles();
                typeClass = c;
            }
            return c;
        }
    }

    @Override
    protected Type computeValue(Class<?> type) {
        String name = type.getTypeName();
        if (isJdk(name)) {
            return new Type(name, isNotedJdkType(name), false, NameField.NONE);
        }
        // A lock or condition subclass is known by an identity that may not be itself (LockNames.keyOf): the table.
        boolean byField = !(Lock.class.isAssignableFrom(type) || ReadWriteLock.class.isAssignableFrom(type)
                || StampedLock.class.isAssignableFrom(type) || Condition.class.isAssignableFrom(type));
        return new Type(name, declaredInHierarchy(type), !type.isArray(),
                byField ? NameField.offsetOf(type) : NameField.NONE);
    }

    private static boolean declaredInHierarchy(Class<?> type) {
        for (Class<?> k = type; k != null && !isJdk(k.getName()); k = k.getSuperclass()) {
            if (DECLARED.contains(k.getName())) {
                return true;
            }
        }
        return false;
    }

    static boolean isJdk(String className) {
        for (String p : JDK_PREFIXES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** The JDK types whose allocations {@code BytecodeRewriter} notes (besides locks and plain Objects). */
    static boolean isNotedJdkType(String className) {
        if (className.startsWith("java.util.Collections$Synchronized")) {
            return true; // named where the program called the factory
        }
        switch (className) {
            case "java.util.Hashtable":
            case "java.util.Properties":
            case "java.util.Vector":
            case "java.util.Stack":
            case "java.lang.StringBuffer":
            case "java.util.concurrent.ConcurrentHashMap":
            case "java.io.BufferedOutputStream":
            case "java.io.BufferedInputStream":
            case "java.io.PrintStream":
                return true;
            default:
                return false;
        }
    }
}

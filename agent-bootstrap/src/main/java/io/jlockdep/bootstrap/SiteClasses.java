package io.jlockdep.bootstrap;

import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.WeakIdentityMap;
import java.util.concurrent.locks.StampedLock;

/**
 * The lock class of an allocation, from the name {@code BytecodeRewriter} gave its site and the object it was
 * allocated for (its owner):
 * <ul>
 *   <li>stored into a field: {@code Kind Owner.field}, the owner's <em>runtime</em> type, so a base class's
 *       {@code closeLock} in two pool types is two classes ({@code Object …GenericObjectPool.closeLock});</li>
 *   <li>else {@code Kind@Declaring.method#n} (the n-th allocation of that type in the method), plus
 *       {@code in RuntimeType} when an instance method of a subclass ran it;</li>
 *   <li>one level further, {@code of <owner's class>}, when the owner was itself allocated into a field (a
 *       pool stored in a data source, a map stored in a cache): the same type in two layers is two classes.
 *       Owners allocated in a method body (a test's local pool) do not refine: that would split one role
 *       across tests, and lockdep's strength is joining the halves of a cycle seen in different tests.</li>
 * </ul>
 * No line numbers: names survive edits and JDK updates; the line is kept as the class's origin.
 *
 * <p>Lookups are cached per site constant (interned by the JVM, so identity is enough) and owner key (the
 * owner's runtime type name, or its class when it refines): no string is built on a hit. Nothing here uses
 * an instrumented JDK collection, so naming never re-enters the hooks.
 */
final class SiteClasses {
    private final Lockdep engine;
    private final WeakIdentityMap<Site> sites = new WeakIdentityMap<>(64);
    /** Classes of objects allocated into a field: owners that refine what they allocate. */
    private final WeakIdentityMap<Boolean> fieldRoles = new WeakIdentityMap<>(64);

    SiteClasses(Lockdep engine) {
        this.engine = engine;
    }

    /** A static field or an allocation with no owner: the name is final. */
    LockClass plain(String name, String where, boolean stored, Object o) {
        Site site = site(name);
        LockClass c = site.find(name);
        if (c == null) {
            c = site.add(name, create(name, where, o));
            if (stored) {
                fieldRoles.put(c, Boolean.TRUE);
            }
        }
        return c;
    }

    /**
     * An allocation stored into a field of {@code holder}; {@code site} is {@code "Kind .field"}.
     *
     * @param holderClass the holder's class when it was noted, else null
     */
    LockClass stored(String site, Object holder, LockClass holderClass, String where, Object o) {
        Object key = refines(holderClass) ? holderClass : holder.getClass().getName();
        Site s = site(site);
        LockClass c = s.find(key);
        if (c == null) {
            int dot = site.indexOf(" .");
            String name = site.substring(0, dot + 1) + holder.getClass().getName() + site.substring(dot + 1)
                    + refinement(holderClass);
            c = s.add(key, create(name, where, o));
            fieldRoles.put(c, Boolean.TRUE);
        }
        return c;
    }

    /** An allocation in an instance method of {@code owner}; {@code name} is {@code Kind@Declaring.method#n}. */
    LockClass owned(String name, Object owner, LockClass ownerClass, String where, Object o) {
        String ownerType = owner.getClass().getName();
        Object key = refines(ownerClass) ? ownerClass : ownerType;
        Site s = site(name);
        LockClass c = s.find(key);
        if (c == null) {
            String declaring = name.substring(name.indexOf('@') + 1, name.lastIndexOf('.'));
            String full = declaring.equals(ownerType) ? name : name + " in " + ownerType;
            c = s.add(key, create(full + refinement(ownerClass), where, o));
        }
        return c;
    }

    /** The class of a {@code ConcurrentHashMap}'s bins: one per map class, {@code bins of <map class>}. */
    LockClass bins(LockClass mapClass) {
        Site s = site(mapClass);
        LockClass c = s.find(mapClass);
        if (c == null) {
            LockClass bins = engine.lockClass("bins of " + mapClass.name());
            if (mapClass.hasManyRoles()) {
                bins.markManyRoles(); // the bins of maps whose allocation was not seen
            }
            c = s.add(mapClass, bins);
        }
        return c;
    }

    /** Loads {@link Site} (see {@code LockNames.arm}). */
    void preload() {
        site(SiteClasses.class).find(this);
    }

    private boolean refines(LockClass ownerClass) {
        return ownerClass != null && fieldRoles.get(ownerClass) != null;
    }

    private String refinement(LockClass ownerClass) {
        if (!refines(ownerClass)) {
            return "";
        }
        String owner = ownerClass.name();
        int deeper = owner.indexOf(" of ");
        return " of " + (deeper < 0 ? owner : owner.substring(0, deeper)); // two levels, never more
    }

    /**
     * A new class for {@code o}'s site: a synchronizer's event class ({@link EventNames}), a pseudo class for a
     * {@code StampedLock} (not reentrant), else a lock class.
     */
    private LockClass create(String name, String where, Object o) {
        String verb = EventNames.verbOf(o);
        LockClass c = verb != null ? engine.eventClass(verb + name)
                : o instanceof StampedLock ? engine.pseudoClass(name) : engine.lockClass(name);
        c.noteOrigin(where);
        return c;
    }

    private Site site(Object constant) {
        Site s = sites.get(constant);
        return s != null ? s : sites.putIfAbsent(constant, new Site());
    }

    /** The classes of one site by owner key; copy-on-write, so reads take no lock. */
    private static final class Site {
        private volatile Object[] keys = new Object[0];
        private volatile LockClass[] classes = new LockClass[0];

        LockClass find(Object key) {
            Object[] k = keys;
            LockClass[] c = classes;
            for (int i = 0; i < k.length && i < c.length; i++) {
                if (k[i] == key || (key instanceof String && key.equals(k[i]))) {
                    return c[i];
                }
            }
            return null;
        }

        synchronized LockClass add(Object key, LockClass cls) {
            LockClass known = find(key);
            if (known != null) {
                return known;
            }
            int n = keys.length;
            Object[] k = java.util.Arrays.copyOf(keys, n + 1);
            LockClass[] c = java.util.Arrays.copyOf(classes, n + 1);
            k[n] = key;
            c[n] = cls;
            classes = c;
            keys = k;
            return cls;
        }
    }
}

package io.jlockdep.it.programs;

import io.jlockdep.bootstrap.LockNames;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Objects of application classes with {@code synchronized} methods, which the agent names through a field it
 * adds to their class: two accounts of a bank, stored into two fields, taken in both orders (a cycle whose
 * classes are those fields); many more accounts kept alive at once; one account serialized.
 *
 * <p>Usage: {@code NamedObjects FILE COUNT}. Writes an {@link Account} with balance 42 to FILE; prints
 * {@code SUID=} (its class's serialVersionUID as seen here), {@code ADDED=} (the synthetic fields of
 * {@code Account}, as {@code modifiers name}), and {@code KNOWN_GROWTH=} (how many entries the hooks' table
 * gained while COUNT accounts were allocated, used as monitors and kept alive).
 */
public final class NamedObjects {
    /** A serializable monitor type without a declared serialVersionUID. */
    public static class Account implements Serializable {
        private int balance;

        public synchronized void deposit(int amount) {
            balance += amount;
        }

        public synchronized int balance() {
            return balance;
        }
    }

    /** A subclass: it has no field of its own, its objects use the one {@code Account} got. */
    public static final class Savings extends Account {
        private static final long serialVersionUID = 1L;
    }

    static final class Bank {
        final Account checking = new Account();
        final Account savings = new Savings();
    }

    private NamedObjects() {
    }

    public static void main(String[] args) throws Exception {
        Prog.watchdog("NamedObjects", 120);
        Bank bank = new Bank();
        Prog.halves("first", () -> {
            synchronized (bank.checking) {
                bank.savings.deposit(1);
            }
        }, "second", () -> {
            synchronized (bank.savings) {
                bank.checking.deposit(1);
            }
        });

        int count = Integer.parseInt(args[1]);
        int before = LockNames.knownLocks();
        List<Account> live = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Account a = new Account();
            a.deposit(i);
            live.add(a);
        }
        System.out.println("KNOWN_GROWTH=" + (LockNames.knownLocks() - before));
        Reference.reachabilityFence(live);

        Account saved = new Account();
        saved.deposit(42);
        try (OutputStream out = Files.newOutputStream(Paths.get(args[0]));
             ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeObject(saved);
        }
        System.out.println("SUID=" + ObjectStreamClass.lookup(Account.class).getSerialVersionUID());
        StringBuilder added = new StringBuilder();
        for (Field f : Account.class.getDeclaredFields()) {
            if (f.isSynthetic()) {
                added.append(added.length() == 0 ? "" : ",").append(Modifier.toString(f.getModifiers())).append(' ')
                        .append(f.getName());
            }
        }
        System.out.println("ADDED=" + added);
        System.out.flush();
    }
}

package io.jlockdep.it.programs;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.jlockdep.it.programs.NamedObjects.Account;
import io.jlockdep.it.programs.NamedObjects.Savings;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Classes the agent gave a field, redefined after they loaded: Mockito's inline mocks of {@link Account}, and
 * (a class Mockito never saw, so the agent alone must add the field again) a plain retransformation of
 * {@link Teller} and a redefinition of it with its class file as compiled (a debugger's hot swap). A
 * redefinition cannot remove a field, so each fails unless the field comes back. Then an account and a teller,
 * named through the field, are taken in both orders.
 *
 * <p>Prints {@code MOCKED=} (a mocked balance), {@code SPIED=} (a spy's balance after a real deposit),
 * {@code REDEFINED=true}.
 */
public final class MockedMonitors {
    /** A monitor type no mock touches. */
    public static final class Teller {
        private int served;

        public synchronized void serve() {
            served++;
        }
    }

    private MockedMonitors() {
    }

    public static void main(String[] args) throws Exception {
        Prog.watchdog("MockedMonitors", 120);
        Account checking = new Account();
        Account savings = new Savings();
        Teller teller = new Teller();
        Account mocked = mock(Account.class);
        when(mocked.balance()).thenReturn(7);
        Account spied = spy(savings);
        spied.deposit(3);
        verify(spied).deposit(3);
        System.out.println("MOCKED=" + mocked.balance());
        System.out.println("SPIED=" + spied.balance());

        Instrumentation inst = ByteBuddyAgent.install(); // the one Mockito attached
        inst.retransformClasses(Teller.class);
        inst.redefineClasses(new ClassDefinition(Teller.class, classFile(Teller.class)));
        System.out.println("REDEFINED=true");

        Prog.halves("first", () -> {
            synchronized (checking) {
                teller.serve();
            }
        }, "second", () -> {
            synchronized (teller) {
                checking.deposit(1);
            }
        });
        System.out.flush();
    }

    private static byte[] classFile(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class")) {
            return in.readAllBytes();
        }
    }
}

package io.jlockdep.it.programs;

import java.io.InputStream;
import java.lang.reflect.Constructor;

/**
 * A class defined with {@code defineClass(null, bytes, 0, len)} (a name-less definition: transformers get
 * no class name) whose own {@code synchronized} blocks take two monitors in both orders. The class is
 * never loaded by its name: its bytes are read as a resource and defined in a loader of its own.
 */
public final class NamelessClass {
    private NamelessClass() {
    }

    public static void main(String[] args) {
        Prog.run(args, Prog.scenarios("nameless-inversion", (Prog.Scenario) NamelessClass::namelessInversion));
    }

    /** The inversion lives in this class's own code only (no lambda, no call into instrumented helpers). */
    public static final class Inverter implements Runnable {
        static final Object A = new Object();
        static final Object B = new Object();
        private final boolean aFirst;

        public Inverter(boolean aFirst) {
            this.aFirst = aFirst;
        }

        @Override
        public void run() {
            Object first = aFirst ? A : B;
            Object second = aFirst ? B : A;
            synchronized (first) {
                synchronized (second) {
                    Thread.onSpinWait();
                }
            }
        }
    }

    /** Defines classes without naming them. */
    static final class NamelessLoader extends ClassLoader {
        NamelessLoader(ClassLoader parent) {
            super(parent);
        }

        Class<?> defineNameless(byte[] b) {
            return defineClass(null, b, 0, b.length);
        }
    }

    static void namelessInversion() throws Exception {
        byte[] bytes;
        try (InputStream in = NamelessClass.class.getResourceAsStream("NamelessClass$Inverter.class")) {
            bytes = in.readAllBytes();
        }
        NamelessLoader loader = new NamelessLoader(NamelessClass.class.getClassLoader());
        Class<?> c = loader.defineNameless(bytes);
        Prog.check(c.getName().equals(Inverter.class.getName()) && c.getClassLoader() == loader,
                "the class is defined by the name-less loader");
        Constructor<?> ctor = c.getConstructor(boolean.class);
        Prog.halves("a-then-b", () -> ((Runnable) ctor.newInstance(true)).run(),
                "b-then-a", () -> ((Runnable) ctor.newInstance(false)).run());
        System.out.println("DEFINED=" + c.getName());
    }
}

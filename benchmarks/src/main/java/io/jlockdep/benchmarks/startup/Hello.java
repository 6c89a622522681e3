package io.jlockdep.benchmarks.startup;

/** The program whose JVM start-up {@link StartupTime} measures. */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("Hello, world");
    }
}

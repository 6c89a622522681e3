package io.jlockdep.agent.instrument;

/** Methods with branches, loops, handlers, wide returns and throws, for {@link HookWeaverTest}. */
public class WeaverSample {
    public final Object sync = new Object();
    public int calls;

    public long loop(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            try {
                if (i % 3 == 0) {
                    sum += i;
                } else {
                    sum -= 1;
                }
            } catch (RuntimeException e) {
                sum = -1;
            }
        }
        return sum;
    }

    public boolean early(int n) {
        if (n < 0) {
            return false;
        }
        double d = n * 1.5;
        String s = String.valueOf(d);
        return s.length() > 3;
    }

    public void fails(boolean fail) {
        calls++;
        if (fail) {
            throw new IllegalStateException("failed");
        }
    }

    public static synchronized int counted(int x) {
        return x + 1;
    }

    public synchronized void empty() {
    }

    public synchronized void throwsFromCallee() {
        Integer.parseInt("not a number");
    }
}

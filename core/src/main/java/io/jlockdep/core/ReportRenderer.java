package io.jlockdep.core;

import java.util.List;

/**
 * Formats findings in the Linux lockdep report layout, with threads in place of CPUs. Runs off the
 * acquiring path (on {@link Finding#render()}), never inside a lock operation.
 */
final class ReportRenderer {
    private static final String NL = "\n";
    private static final int MAX_PRINTED_FRAMES = 12;

    private ReportRenderer() {
    }

    static String render(Finding f) {
        StringBuilder sb = new StringBuilder(1024);
        header(sb, f.kind().id().equals("unbalanced") ? f.kind().headline() + "!" : f.kind().headline());
        switch (f.kind()) {
            case CIRCULAR:
            case INSTANCE_INVERSION:
                circular(sb, f);
                break;
            case UNBALANCED:
                unbalanced(sb, f);
                break;
            case NEST_LOCK_NOT_HELD:
                nestLock(sb, f);
                break;
            default:
                selfDeadlock(sb, f);
                break;
        }
        held(sb, f);
        evidence(sb, f);
        sb.append("cycle id: ").append(f.cycleId()).append(NL);
        return sb.toString();
    }

    private static void header(StringBuilder sb, String headline) {
        String title = "WARNING: " + headline;
        line(sb, '=', title.length());
        sb.append(title).append(NL);
        line(sb, '-', title.length());
    }

    private static boolean holds(Finding f, String className) {
        for (HeldLock l : f.heldLocks()) {
            if (l.className().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static void circular(StringBuilder sb, Finding f) {
        List<CycleEdge> edges = f.edges();
        CycleEdge closing = edges.get(0);
        String via = edges.size() > 2 ? " (through the chain below)" : "";
        if (LockClass.isEventName(closing.to())) {
            sb.append("thread \"").append(h(f.threadName())).append("\" is about to wait for:").append(NL);
            sb.append("  ").append(h(closing.to())).append(NL);
            sb.append("while it holds lock:").append(NL);
            sb.append("  ").append(h(closing.from())).append(allocated(f, closing.from())).append(NL);
            sb.append("which is produced by code that takes this lock").append(via).append('.').append(NL).append(NL);
        } else if (LockClass.isEventName(closing.from())) {
            // An instantaneous event under a lock held already, or a lock taken inside the event's context.
            boolean held = holds(f, closing.to());
            sb.append("thread \"").append(h(f.threadName())).append(held ? "\" holds lock:" : "\" takes lock:")
                    .append(NL);
            sb.append("  ").append(h(closing.to())).append(allocated(f, closing.to())).append(NL);
            sb.append(held ? "while it produces:" : "on its way to produce:").append(NL);
            sb.append("  ").append(h(closing.from())).append(NL);
            sb.append("for which a thread waits while holding this lock").append(via).append('.').append(NL)
                    .append(NL);
        } else {
            sb.append("thread \"").append(h(f.threadName())).append("\" is trying to acquire lock:").append(NL);
            sb.append("  ").append(h(closing.to())).append(allocated(f, closing.to())).append(NL);
            sb.append("but it already holds lock:").append(NL);
            sb.append("  ").append(h(closing.from())).append(allocated(f, closing.from())).append(NL);
            sb.append("which lock already depends on the new lock.").append(NL).append(NL);
        }
        if (f.note() != null) {
            sb.append(h(f.note())).append(NL).append(NL);
        }
        sb.append("the existing dependency chain (in reverse order) is:").append(NL).append(NL);
        for (int i = edges.size() - 1; i >= 1; i--) {
            CycleEdge e = edges.get(i);
            sb.append("-> #").append(i).append(" (").append(h(e.to())).append("):");
            sb.append(" first seen ").append(seenWhere(e)).append(", ").append(how(e)).append(' ')
                    .append(h(e.from())).append(" -(").append(e.type()).append(")->").append(NL);
            frames(sb, e.stackUnsafe());
            sb.append(NL);
        }
        sb.append("-> #0 (").append(h(closing.to())).append("): now, in thread \"").append(h(f.threadName()))
                .append('"').append(during(closing)).append(" -(").append(closing.type()).append(")->").append(NL);
        frames(sb, f.stackUnsafe());
        sb.append(NL).append("other info that might help us debug this:").append(NL).append(NL);

        String target = closing.from();
        String source = closing.to();
        String parent = edges.get(edges.size() - 1).from();
        if (edges.size() > 2) {
            // In acquisition order: the existing chain from the new lock back to the held one, then the new edge.
            sb.append("Chain exists of:").append(NL).append("  ").append(h(source));
            for (int i = 1; i < edges.size(); i++) {
                sb.append(" --> ").append(h(edges.get(i).to()));
            }
            sb.append(" --> ").append(h(source)).append(NL).append(NL);
        }
        Mode targetMode = f.heldMode() == null ? Mode.EXCLUSIVE : f.heldMode();
        sb.append(" Possible unsafe locking scenario:").append(NL).append(NL);
        sb.append("       Thread-1                Thread-2").append(NL);
        sb.append("       --------                --------").append(NL);
        sb.append("  ").append(holding(targetMode, target)).append(NL);
        sb.append("                               ").append(holding(Mode.EXCLUSIVE, parent)).append(NL);
        sb.append("                               ").append(op(Mode.EXCLUSIVE, target)).append(NL);
        sb.append("  ").append(op(f.acquiringMode(), source)).append(NL).append(NL);
        sb.append(" *** DEADLOCK ***").append(NL).append(NL);
    }

    private static void selfDeadlock(StringBuilder sb, Finding f) {
        sb.append("thread \"").append(h(f.threadName())).append("\" is trying to acquire lock:").append(NL);
        sb.append("  ").append(h(f.acquiringClass())).append(" (").append(f.acquiringMode().symbol()).append(')')
                .append(allocated(f, f.acquiringClass())).append(NL);
        sb.append("but it already holds lock:").append(NL);
        sb.append("  ").append(h(f.heldClass())).append(" (").append(f.heldMode().symbol()).append(')')
                .append(allocated(f, f.heldClass())).append(NL);
        if (f.note() != null) {
            sb.append(h(f.note())).append(NL);
        }
        sb.append(NL).append("other info that might help us debug this:").append(NL);
        sb.append(" Possible unsafe locking scenario:").append(NL).append(NL);
        sb.append("       Thread-1").append(NL);
        sb.append("       --------").append(NL);
        sb.append("  ").append(op(f.heldMode(), f.heldClass())).append(NL);
        sb.append("  ").append(op(f.acquiringMode(), f.acquiringClass())).append(NL).append(NL);
        sb.append(" *** DEADLOCK ***").append(NL).append(NL);
        if (f.kind() == FindingKind.RECURSIVE && f.note() == null) {
            sb.append(" May be due to missing lock nesting notation").append(NL).append(NL);
        }
        sb.append("stack backtrace:").append(NL);
        frames(sb, f.stackUnsafe());
        sb.append(NL);
    }

    private static void unbalanced(StringBuilder sb, Finding f) {
        sb.append("thread \"").append(h(f.threadName())).append("\" is trying to release lock:").append(NL);
        sb.append("  ").append(h(f.acquiringClass())).append(NL);
        sb.append("but there are no more locks to release!").append(NL).append(NL);
        sb.append("stack backtrace:").append(NL);
        frames(sb, f.stackUnsafe());
        sb.append(NL);
    }

    private static void nestLock(StringBuilder sb, Finding f) {
        sb.append("thread \"").append(h(f.threadName())).append("\" is trying to acquire lock:").append(NL);
        sb.append("  ").append(h(f.acquiringClass())).append(allocated(f, f.acquiringClass())).append(NL);
        sb.append("nested under a lock it does not hold:").append(NL);
        sb.append("  ").append(h(f.heldClass())).append(NL).append(NL);
        sb.append("stack backtrace:").append(NL);
        frames(sb, f.stackUnsafe());
        sb.append(NL);
    }

    private static void held(StringBuilder sb, Finding f) {
        // The code of an event the thread is running (a task's body, a thread's run()) is held as a context, but
        // it is no lock: it is listed after the locks, in words.
        List<HeldLock> held = new java.util.ArrayList<>();
        List<HeldLock> contexts = new java.util.ArrayList<>();
        for (HeldLock l : f.heldLocks()) {
            (LockClass.isEventName(l.className()) ? contexts : held).add(l);
        }
        if (held.isEmpty()) {
            sb.append("no locks held by thread \"").append(h(f.threadName())).append("\".").append(NL);
        } else {
            sb.append(held.size()).append(held.size() == 1 ? " lock" : " locks").append(" held by thread \"")
                    .append(h(f.threadName())).append("\":").append(NL);
            for (int i = 0; i < held.size(); i++) {
                sb.append(" #").append(i).append(": ").append(h(String.valueOf(held.get(i)))).append(NL);
            }
        }
        for (HeldLock c : contexts) {
            sb.append("running code that produces: ").append(h(c.className())).append(NL);
        }
        sb.append(NL);
    }

    /**
     * {@code evidence: witnessed (same instances)} or {@code evidence: class-only (…)}, and for a gated cycle
     * (reported only with reportGated) {@code gated by C (instance held on every edge)}.
     */
    private static void evidence(StringBuilder sb, Finding f) {
        sb.append("evidence: ").append(f.evidence()).append(NL);
        if (f.gatedBy() != null) {
            sb.append("gated by ").append(h(f.gatedBy())).append(" (instance held on every edge)").append(NL);
        }
    }

    /** {@code  (allocated at com.acme.Bank.<init>(Bank.java:12))} when the lock's origin is known, else empty. */
    private static String allocated(Finding f, String lock) {
        String origin = lock == null ? null : f.origins().get(lock);
        return origin == null ? "" : " (allocated at " + h(origin) + ")";
    }

    private static String seenWhere(CycleEdge e) {
        if (!"observed".equals(e.origin())) {
            return "in contract " + h(e.origin());
        }
        return "in thread \"" + h(e.thread()) + "\"" + during(e);
    }

    /** How the edge's target met its source: a lock taken, an event waited for, or a lock its producer takes. */
    private static String how(CycleEdge e) {
        if (LockClass.isEventName(e.to())) {
            return "waited for while holding";
        }
        return LockClass.isEventName(e.from()) ? "taken by code that produces" : "taken while holding";
    }

    private static String during(CycleEdge e) {
        return e.context() == null ? "" : " during " + h(e.context());
    }

    /** One step of the scenario table: taking a lock, or for an event waiting for it. */
    private static String op(Mode mode, String cls) {
        if (LockClass.isEventName(cls)) {
            return "wait(" + h(cls) + ");";
        }
        return (mode != null && mode.isShared() ? "rlock(" : "lock(") + h(cls) + ");";
    }

    /** A step where {@code cls} is already "held": for an event, running the code that produces it. */
    private static String holding(Mode mode, String cls) {
        return LockClass.isEventName(cls) ? "produce(" + h(cls) + "):" : op(mode, cls);
    }

    private static void frames(StringBuilder sb, StackTraceElement[] stack) {
        if (stack.length == 0) {
            sb.append("       (no stack trace recorded)").append(NL);
            return;
        }
        int n = Math.min(stack.length, MAX_PRINTED_FRAMES);
        for (int i = 0; i < n; i++) {
            sb.append("       at ").append(h(String.valueOf(stack[i]))).append(NL);
        }
        if (stack.length > n) {
            sb.append("       ... ").append(stack.length - n).append(" more").append(NL);
        }
    }

    /** A name (thread, lock class, frame, file) made safe to print on one line: see {@link HumanText}. */
    private static String h(String name) {
        return HumanText.escape(name);
    }

    private static void line(StringBuilder sb, char c, int n) {
        for (int i = 0; i < n; i++) {
            sb.append(c);
        }
        sb.append(NL);
    }
}

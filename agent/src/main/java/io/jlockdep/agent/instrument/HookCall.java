package io.jlockdep.agent.instrument;

/**
 * One call to a static hook that {@link HookWeaver} puts into a method, with the values it is passed and
 * what becomes of its result. Hooks take everything they decide on as arguments (a returned
 * {@code boolean}, a constant), so the woven code is straight-line: no branch, so no new stack map frame.
 */
final class HookCall {
    static final String LOCK_HOOKS = "io/jlockdep/bootstrap/LockHooks";
    static final String MONITOR_HOOKS = "io/jlockdep/bootstrap/MonitorHooks";
    static final String EVENT_HOOKS = "io/jlockdep/bootstrap/EventHooks";
    static final String EXIT_HOOKS = "io/jlockdep/bootstrap/ExitHooks";
    static final String FENCE_HOOKS = "io/jlockdep/bootstrap/FenceHooks";
    static final String USER_POINT_HOOKS = "io/jlockdep/bootstrap/UserPointHooks";

    /** Kinds of values passed to a hook. */
    enum Kind {
        /** {@code this}. */
        THIS,
        /** A field of {@code this}, by name. */
        FIELD,
        /** A parameter, by index. */
        ARG,
        /** A {@code boolean} or {@code long} constant. */
        CONSTANT,
        /** The method's {@code Class} (static synchronized methods lock it). */
        TYPE,
        /** {@code "pkg.Type.method(descriptor)"}: the method, as declared points are registered. */
        ORIGIN,
        /** The value the method is returning (only at a return). */
        RETURNED,
        /** What the method's entry hooks saved ({@link Result#SAVE}). */
        SAVED,
        /** An {@code Object[]} of the reference-typed parameters (primitives left null). */
        REFERENCE_ARGS,
    }

    /** A value passed to a hook. */
    static final class Operand {
        final Kind kind;
        final int index;
        final String name;
        /** A constant's value: {@code Boolean} or {@code Long}. */
        final Object value;

        private Operand(Kind kind, int index, String name, Object value) {
            this.kind = kind;
            this.index = index;
            this.name = name;
            this.value = value;
        }

        private Operand(Kind kind) {
            this(kind, 0, null, null);
        }
    }

    static final Operand THIS = new Operand(Kind.THIS);
    static final Operand TYPE = new Operand(Kind.TYPE);
    static final Operand ORIGIN = new Operand(Kind.ORIGIN);
    static final Operand RETURNED = new Operand(Kind.RETURNED);
    static final Operand SAVED = new Operand(Kind.SAVED);
    static final Operand REFERENCE_ARGS = new Operand(Kind.REFERENCE_ARGS);
    static final Operand TRUE = new Operand(Kind.CONSTANT, 0, null, Boolean.TRUE);
    static final Operand FALSE = new Operand(Kind.CONSTANT, 0, null, Boolean.FALSE);

    static Operand arg(int index) {
        return new Operand(Kind.ARG, index, null, null);
    }

    static Operand field(String name) {
        return new Operand(Kind.FIELD, 0, name, null);
    }

    static Operand constant(long value) {
        return new Operand(Kind.CONSTANT, 0, null, value);
    }

    /** What happens to the hook's result. */
    enum Result {
        /** The hook returns nothing. */
        NONE,
        /** Kept in a new local for the exit hooks ({@link Kind#SAVED}). */
        SAVE,
        /** Stored into parameter 0 (the hook may change it). */
        ARG0,
        /** Returned instead of the method's own return value. */
        RETURN,
    }

    /** The hook's owner (internal name); null for a plain {@link Result#SAVE} of one operand. */
    final String owner;
    final String name;
    final String descriptor;
    final Operand[] operands;
    final Result result;

    private HookCall(String owner, String name, String descriptor, Result result, Operand... operands) {
        this.owner = owner;
        this.name = name;
        this.descriptor = descriptor;
        this.result = result;
        this.operands = operands;
    }

    /** {@code owner.name(operands)}, a {@code void} hook. */
    static HookCall call(String owner, String name, String descriptor, Operand... operands) {
        return new HookCall(owner, name, descriptor, Result.NONE, operands);
    }

    /** {@code owner.name(operands)}, whose result goes where {@code result} says. */
    static HookCall call(String owner, String name, String descriptor, Result result, Operand... operands) {
        return new HookCall(owner, name, descriptor, result, operands);
    }

    /** Saves one operand for the exit hooks, with no call ({@code descriptor}: its type). */
    static HookCall save(Operand operand, String descriptor) {
        return new HookCall(null, null, descriptor, Result.SAVE, operand);
    }

    /** The type of what {@link Result#SAVE} keeps: the hook's return type, or the saved operand's type. */
    String savedType() {
        return owner == null ? descriptor : descriptor.substring(descriptor.indexOf(')') + 1);
    }

    boolean uses(Kind kind) {
        for (Operand o : operands) {
            if (o.kind == kind) {
                return true;
            }
        }
        return false;
    }
}

package io.jlockdep.agent.instrument;

/** Whether a class being transformed gets a {@link io.jlockdep.bootstrap.NameField}. */
enum NameFieldRule {
    /** No field: a JDK class, a class loaded before the agent, or the hooks cannot use one. */
    NEVER,
    /** A class being defined: a field if it declares synchronized instance methods or lock-holding fields. */
    IF_MONITOR_TYPE,
    /** A class redefined after it was defined with the field: it must keep it. */
    ALWAYS
}

package io.jlockdep.agent.config;

import java.nio.file.Path;

/**
 * The options given in one source (the command line, a config file, or both merged): for each, the parsed
 * value, the text as given and where it was given. A value is stored only by {@link #parse} under its own
 * option, which makes {@link #get} type-safe.
 */
final class OptionValues {
    private final Given<?>[] given = new Given<?>[Option.all().size()];

    private static final class Given<T> {
        final T value;
        final String raw;
        final String origin;

        Given(T value, String raw, String origin) {
            this.value = value;
            this.raw = raw;
            this.origin = origin;
        }
    }

    /**
     * Parses {@code raw} (trimmed, non-empty) as {@code o}'s value.
     *
     * @param origin the message prefix of the source: {@code ""} or {@code config file 'F': }
     * @throws OptionException for a bad value
     */
    <T> void parse(Option<T> o, String raw, Path base, String origin) {
        given[o.index] = new Given<>(o.parse(raw, base, origin), raw, origin);
    }

    /** Whether {@code o} was given. */
    boolean has(Option<?> o) {
        return given[o.index] != null;
    }

    /** The value of {@code o}: as given, else its default (null when it has none). */
    <T> T get(Option<T> o) {
        @SuppressWarnings("unchecked") // parse stores a Given<T> only at the index of an Option<T>
        Given<T> g = (Given<T>) given[o.index];
        return g == null ? o.defaultValue() : g.value;
    }

    /** The text given for {@code o} (before {@code %p}/{@code %t} expansion), or null. */
    String raw(Option<?> o) {
        Given<?> g = given[o.index];
        return g == null ? null : g.raw;
    }

    /** The message prefix of where {@code o} was given, or null when it was not. */
    String origin(Option<?> o) {
        Given<?> g = given[o.index];
        return g == null ? null : g.origin;
    }

    /** {@code file}'s values overridden by {@code cli}'s. */
    static OptionValues merge(OptionValues cli, OptionValues file) {
        OptionValues out = new OptionValues();
        for (int i = 0; i < out.given.length; i++) {
            out.given[i] = cli.given[i] != null ? cli.given[i] : file.given[i];
        }
        return out;
    }
}

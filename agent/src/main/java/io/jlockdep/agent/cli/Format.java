package io.jlockdep.agent.cli;

/** Output formats ({@code --format}). */
enum Format {
    TEXT("text"),
    JSON("json"),
    SARIF("sarif"),
    JUNIT("junit"),
    DOT("dot");

    /** The valid values, for messages. */
    static final String CHOICES = "text, json, sarif, junit, dot";

    private final String id;

    Format(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    /** The format named {@code name}, or null. */
    static Format of(String name) {
        for (Format f : values()) {
            if (f.id.equals(name)) {
                return f;
            }
        }
        return null;
    }
}

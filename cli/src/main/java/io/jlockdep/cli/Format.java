package io.jlockdep.cli;

/** Output formats ({@code --format}). */
public enum Format {
    TEXT("text"),
    JSON("json"),
    SARIF("sarif"),
    JUNIT("junit"),
    DOT("dot"),
    HTML("html");

    /** The valid values, for messages. */
    public static final String CHOICES = "text, json, sarif, junit, dot, html";

    private final String id;

    Format(String id) {
        this.id = id;
    }

    /** The name on the command line. */
    public String id() {
        return id;
    }

    /** The format named {@code name}, or null. */
    public static Format of(String name) {
        for (Format f : values()) {
            if (f.id.equals(name)) {
                return f;
            }
        }
        return null;
    }
}

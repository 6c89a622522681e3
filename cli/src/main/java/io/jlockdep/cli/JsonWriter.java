package io.jlockdep.cli;

/**
 * A small streaming JSON writer: pretty-printed with two-space indentation, strings escaped per RFC 8259
 * (quote, backslash and every control character; U+2028, U+2029 and unpaired surrogates as {@code \\uXXXX}
 * too, so the output is also valid JavaScript and valid UTF-8).
 */
final class JsonWriter {
    private final StringBuilder sb = new StringBuilder(8192);
    private int depth;
    /** Whether the current container has an element already (needs a comma before the next). */
    private boolean[] hasElement = new boolean[16];
    /** Whether a name was just written (the value follows on the same line). */
    private boolean afterName;

    JsonWriter beginObject() {
        beforeValue();
        sb.append('{');
        push();
        return this;
    }

    JsonWriter endObject() {
        pop('}');
        return this;
    }

    JsonWriter beginArray() {
        beforeValue();
        sb.append('[');
        push();
        return this;
    }

    JsonWriter endArray() {
        pop(']');
        return this;
    }

    /** The name of the next member of the current object. */
    JsonWriter name(String name) {
        newElement();
        quote(name);
        sb.append(": ");
        afterName = true;
        return this;
    }

    JsonWriter value(String s) {
        beforeValue();
        if (s == null) {
            sb.append("null");
        } else {
            quote(s);
        }
        return this;
    }

    JsonWriter value(long n) {
        beforeValue();
        sb.append(n);
        return this;
    }

    JsonWriter value(boolean b) {
        beforeValue();
        sb.append(b);
        return this;
    }

    JsonWriter nullValue() {
        beforeValue();
        sb.append("null");
        return this;
    }

    /** {@code name: value} for a string (null writes {@code null}). */
    JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    /** {@code name: [values…]}, an array of strings. */
    JsonWriter field(String name, Iterable<String> values) {
        name(name).beginArray();
        for (String v : values) {
            value(v);
        }
        return endArray();
    }

    /** The document, ending in a newline. */
    String finish() {
        return sb.toString() + "\n";
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            newElement();
        }
    }

    private void newElement() {
        if (hasElement[depth]) {
            sb.append(',');
        }
        hasElement[depth] = true;
        sb.append('\n');
        indent(depth);
    }

    private void push() {
        depth++;
        if (depth >= hasElement.length) {
            boolean[] b = new boolean[hasElement.length * 2];
            System.arraycopy(hasElement, 0, b, 0, hasElement.length);
            hasElement = b;
        }
        hasElement[depth] = false;
    }

    private void pop(char close) {
        boolean any = hasElement[depth];
        depth--;
        if (any) {
            sb.append('\n');
            indent(depth);
        }
        sb.append(close);
    }

    private void indent(int n) {
        for (int i = 0; i < n; i++) {
            sb.append("  ");
        }
    }

    private void quote(String s) {
        sb.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                case '\b':
                    sb.append("\\b");
                    break;
                case '\f':
                    sb.append("\\f");
                    break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append("\\u").append(Strings.hex4(c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        sb.append("\\u").append(Strings.hex4(c));
                    } else {
                        sb.append(c);
                    }
                    break;
            }
        }
        sb.append('"');
    }
}

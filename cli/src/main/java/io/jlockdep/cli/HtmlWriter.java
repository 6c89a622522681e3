package io.jlockdep.cli;

import java.util.Locale;

/**
 * Builds the HTML report's markup: elements, attributes and text, every text escaped in one place. A name from
 * a recording (thread, lock class, frame, file, test) first goes through {@link Strings#oneLine} (control, line
 * separator and bidi characters shown as {@code \n}, {@code \}{@code u202e}, as everywhere humans read names),
 * then {@code & < > " '} become character references, so neither text nor attribute values can open an element,
 * close an attribute or reorder what the page shows. The markup is also well-formed XML (void elements closed,
 * attributes quoted, no named entities but XML's), which lets tests parse it as a document.
 */
final class HtmlWriter {
    private final StringBuilder sb = new StringBuilder(32768);

    /** {@code <tag a="v" …>}; {@code attrs} are name, value pairs, a null value leaves its attribute out. */
    HtmlWriter open(String tag, String... attrs) {
        sb.append('<').append(tag);
        attributes(attrs);
        sb.append('>');
        return this;
    }

    /** {@code </tag>}. */
    HtmlWriter close(String tag) {
        sb.append("</").append(tag).append('>');
        return this;
    }

    /** A void element, {@code <tag a="v" …/>}. */
    HtmlWriter empty(String tag, String... attrs) {
        sb.append('<').append(tag);
        attributes(attrs);
        sb.append("/>");
        return this;
    }

    /** {@code <tag …>text</tag>}, the text escaped. */
    HtmlWriter element(String tag, String text, String... attrs) {
        return open(tag, attrs).text(text).close(tag);
    }

    /** Text: a name or message, on one line, escaped. */
    HtmlWriter text(String s) {
        sb.append(escape(s));
        return this;
    }

    /** Text of several lines (a report), escaped, keeping its line breaks (for {@code <pre>}). */
    HtmlWriter lines(String s) {
        sb.append(markupEscape(Strings.lines(s)));
        return this;
    }

    /** A count in digits, grouped in thousands ({@code 12,345}). */
    HtmlWriter number(long n) {
        sb.append(String.format(Locale.ROOT, "%,d", n));
        return this;
    }

    /** Markup made by this package (never from a recording). */
    HtmlWriter raw(String markup) {
        sb.append(markup);
        return this;
    }

    HtmlWriter nl() {
        sb.append('\n');
        return this;
    }

    String finish() {
        return sb.toString();
    }

    private void attributes(String[] attrs) {
        for (int i = 0; i + 1 < attrs.length; i += 2) {
            if (attrs[i + 1] != null) {
                sb.append(' ').append(attrs[i]).append("=\"").append(escape(attrs[i + 1])).append('"');
            }
        }
    }

    /** A name or message for text or an attribute value: one line, no markup. */
    static String escape(String s) {
        return markupEscape(Strings.oneLine(s));
    }

    /**
     * {@code & < > " '} as character references; a lone surrogate and the non-characters U+FFFE/U+FFFF (which
     * UTF-8 cannot carry, or XML forbids) shown as {@code \}{@code uXXXX} like the other unsafe characters.
     */
    private static String markupEscape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                case '\uFFFE', '\uFFFF' -> "\\u" + Strings.hex4(c);
                default -> Character.isSurrogate(c) && !pairedAt(s, i) ? "\\u" + Strings.hex4(c) : null;
            };
            if (r != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (r != null) {
                    out.append(r);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }

    /** Whether the surrogate at {@code i} is half of a well-formed pair. */
    private static boolean pairedAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}

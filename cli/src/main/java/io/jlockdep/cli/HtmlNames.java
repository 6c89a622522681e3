package io.jlockdep.cli;

import io.jlockdep.core.HumanText;
import java.util.regex.Pattern;

/**
 * Short forms of lock class names, tests and frames for the HTML report's drawing and headings; the page shows
 * each full name beside them or in a tooltip. Package prefixes are dropped ({@code ReentrantLock com.acme.Bank.lock}
 * becomes {@code ReentrantLock Bank.lock}), then what is still too long is cut in the middle.
 */
final class HtmlNames {
    /**
     * A package prefix: lower-case dotted segments before a segment that starts with an upper-case letter (the
     * class), not preceded by a name character (so {@code Bank.lock} and {@code Outer$inner.x} stay whole).
     */
    private static final Pattern PACKAGE =
            Pattern.compile("(?<![\\p{L}\\p{N}_$.])(?:[a-z][\\p{L}\\p{N}_]*\\.)+(?=[A-Z])");

    private HtmlNames() {
    }

    /** {@code name} without package prefixes, at most {@code max} characters (unsafe characters escaped). */
    static String shortName(String name, int max) {
        return HumanText.shorten(PACKAGE.matcher(Strings.oneLine(name)).replaceAll(""), max);
    }

    /**
     * A lock class name in two parts for a node of the drawing: the lock's type ({@code ReentrantLock},
     * {@code monitor}, {@code class}) when the name starts with one word and a space, or the type and its
     * {@code @} of a lock named by its allocation site ({@code ReentrantLock@Bank.transfer#2}), and the rest; each
     * at most {@code max} characters. The first part is empty for names without such a type word.
     */
    static String[] lockParts(String name, int max) {
        String shortened = PACKAGE.matcher(Strings.oneLine(name)).replaceAll("");
        int space = shortened.indexOf(' ');
        int at = shortened.indexOf('@');
        if (at > 0 && (space < 0 || at < space) && shortened.substring(0, at).indexOf('.') < 0
                && at < shortened.length() - 1) {
            // a lock named by where it was made: the type and its @ above, the site below
            return new String[] {HumanText.shorten(shortened.substring(0, at + 1), max),
                HumanText.shorten(shortened.substring(at + 1), max)};
        }
        if (space > 0 && shortened.substring(0, space).indexOf('.') < 0 && space < shortened.length() - 1) {
            return new String[] {HumanText.shorten(shortened.substring(0, space), max),
                HumanText.shorten(shortened.substring(space + 1), max)};
        }
        return new String[] {"", HumanText.shorten(shortened, max)};
    }

    /** A frame as {@code Bank.audit(Bank.java:40)}: class without package, method, file and line. */
    static String frame(Frame f, int max) {
        if (f.className == null) {
            return HumanText.shorten(Strings.oneLine(f.text), max);
        }
        String cls = f.className;
        int dot = cls.lastIndexOf('.');
        String simple = dot >= 0 ? cls.substring(dot + 1) : cls;
        String where = f.file == null ? "" : f.line > 0 ? f.file + ":" + f.line : f.file;
        return HumanText.shorten(Strings.oneLine(simple + "." + f.method + "(" + where + ")"), max);
    }
}

package io.jlockdep.cli;

/** XML 1.0 escaping for text and attribute values. */
final class Xml {
    private Xml() {
    }

    /**
     * {@code s} escaped for an attribute value in double quotes or for element text: {@code & < > " '}
     * as entities, tab/newline/carriage return as character references in attributes (so they survive
     * attribute-value normalization), and characters XML 1.0 cannot hold at all (other control
     * characters, unpaired surrogates, U+FFFE/U+FFFF) as U+FFFD.
     */
    static String escape(String s, boolean attribute) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&':
                    sb.append("&amp;");
                    break;
                case '<':
                    sb.append("&lt;");
                    break;
                case '>':
                    sb.append("&gt;");
                    break;
                case '"':
                    sb.append(attribute ? "&quot;" : "\"");
                    break;
                case '\'':
                    sb.append(attribute ? "&apos;" : "'");
                    break;
                case '\n':
                    sb.append(attribute ? "&#10;" : "\n");
                    break;
                case '\r':
                    sb.append("&#13;");
                    break;
                case '\t':
                    sb.append(attribute ? "&#9;" : "\t");
                    break;
                default:
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xfffe || c == 0xffff) {
                        sb.append('\ufffd');
                    } else {
                        sb.append(c);
                    }
                    break;
            }
        }
        return sb.toString();
    }
}

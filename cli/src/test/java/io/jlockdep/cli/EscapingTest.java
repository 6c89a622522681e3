package io.jlockdep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/** JSON, XML and DOT escaping of hostile strings. */
class EscapingTest {
    static final String NASTY = "quote\" backslash\\ slash/ nl\n cr\r tab\t nul\u0000 bel\u0007 del\u007f"
            + " ls\u2028 ps\u2029 e\u00e9 emoji\ud83d\ude00 lone\ud800 lone\udc00 amp& lt< gt> apos' ]]> \ufffe";

    @Test
    void jsonRoundTripsEveryCharacterAndStaysAscii() {
        JsonWriter w = new JsonWriter();
        w.beginObject().field("s", NASTY).name("empty").beginArray().endArray().name("o").beginObject().endObject()
                .field("n", -5).field("b", true).name("nil").nullValue().name("list").beginArray().value("x")
                .value(1).endArray().endObject();
        String text = w.finish();
        Map<String, Object> m = Json.obj(Json.parse(text));
        assertEquals(NASTY, m.get("s"));
        assertEquals(List.of(), m.get("empty"));
        assertEquals(Map.of(), m.get("o"));
        assertEquals(-5, ((java.math.BigDecimal) m.get("n")).intValue());
        assertEquals(Boolean.TRUE, m.get("b"));
        assertTrue(m.containsKey("nil") && m.get("nil") == null);
        assertTrue(text.contains("\\u2028") && text.contains("\\u2029") && text.contains("\\ud800")
                && text.contains("\\u0000"), text);
        for (String line : text.split("\n")) {
            assertTrue(line.indexOf('\r') < 0, "raw CR in output");
        }
    }

    @Test
    void xmlTextAndAttributesSurviveAParser() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<r a=\"" + Xml.escape(NASTY, true) + "\">"
                + Xml.escape(NASTY, false) + "</r>";
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml)));
        Element r = d.getDocumentElement();
        String expected = NASTY.replace('\u0000', '\ufffd').replace('\u0007', '\ufffd').replace("\ud800", "\ufffd")
                .replace("\udc00", "\ufffd").replace('\ufffe', '\ufffd');
        assertEquals(expected, r.getAttribute("a"));
        assertEquals(expected, r.getTextContent());
    }

    @Test
    void dotQuotedStrings() {
        assertEquals("\"a\\\"b\\\\c\\nd e\"", DotOutput.quote("a\"b\\c\nd\u0001e"));
        assertEquals("\"ReentrantLock@com.acme.Bank.<init>(Bank.java:12)\"",
                DotOutput.quote("ReentrantLock@com.acme.Bank.<init>(Bank.java:12)"));
        assertEquals("\"\"", DotOutput.quote(""));
        String big = "ab".repeat(DotOutput.MAX_PIECE);
        assertEquals("\"" + "ab".repeat(DotOutput.MAX_PIECE / 2) + "\" + \"" + "ab".repeat(DotOutput.MAX_PIECE / 2) + "\"",
                DotOutput.quote(big), "a long string in pieces Graphviz concatenates");
        String pairs = "x" + "\ud83d\ude00".repeat(DotOutput.MAX_PIECE);
        for (String piece : DotOutput.quote(pairs).split("\" \\+ \"")) {
            assertTrue(!Character.isLowSurrogate(piece.charAt(0)), "a surrogate pair split");
        }
    }

    @Test
    void oneLineEscapesEveryLineBreak() {
        assertEquals("a\\nb\\rc\\td\\u000be\\u2028f", Strings.oneLine("a\nb\rc\td\u000be\u2028f"));
        assertEquals("plain", Strings.oneLine("plain"));
        assertEquals("\\u007f\\u0085\\u2029\\u0000x", Strings.oneLine("\u007f\u0085\u2029\u0000x"));
        assertEquals("null", Strings.oneLine(null));
        assertEquals("\\u001b[31m\\u202e\\u2066\\u200f\\u061c\\u0080x", Strings.oneLine("\u001b[31m\u202e\u2066\u200f\u061c\u0080x"));
    }
}

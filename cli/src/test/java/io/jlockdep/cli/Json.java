package io.jlockdep.cli;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict RFC 8259 JSON for the tests, read with Gson's {@link JsonReader} in strict mode, as plain values:
 * objects as LinkedHashMap, arrays as List, numbers as BigDecimal. Rejects what a strict consumer would:
 * trailing commas, unescaped control characters, bad escapes, duplicate keys, and anything after the document.
 */
final class Json {
    private Json() {
    }

    static Object parse(String text) {
        try (JsonReader r = new JsonReader(new StringReader(text))) {
            r.setStrictness(Strictness.STRICT);
            Object v = value(r);
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw new AssertionError("trailing content after the JSON document");
            }
            return v;
        } catch (IOException | IllegalStateException e) {
            throw new AssertionError("invalid JSON: " + e.getMessage(), e);
        }
    }

    private static Object value(JsonReader r) throws IOException {
        switch (r.peek()) {
            case BEGIN_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                r.beginObject();
                while (r.hasNext()) {
                    String key = r.nextName();
                    if (m.containsKey(key)) {
                        throw new AssertionError("duplicate key '" + key + "' at " + r.getPath());
                    }
                    m.put(key, value(r));
                }
                r.endObject();
                return m;
            }
            case BEGIN_ARRAY: {
                List<Object> l = new ArrayList<>();
                r.beginArray();
                while (r.hasNext()) {
                    l.add(value(r));
                }
                r.endArray();
                return l;
            }
            case STRING:
                return r.nextString();
            case NUMBER:
                return new BigDecimal(r.nextString());
            case BOOLEAN:
                return r.nextBoolean();
            case NULL:
                r.nextNull();
                return null;
            default:
                throw new AssertionError("unexpected " + r.peek() + " at " + r.getPath());
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Object o) {
        if (!(o instanceof Map)) {
            throw new AssertionError("not an object: " + o);
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> arr(Object o) {
        if (!(o instanceof List)) {
            throw new AssertionError("not an array: " + o);
        }
        return (List<Object>) o;
    }

    /** The value at a path of keys (String) and indexes (Integer). */
    static Object at(Object root, Object... path) {
        Object o = root;
        for (Object p : path) {
            if (p instanceof Integer i) {
                o = arr(o).get(i);
            } else {
                Map<String, Object> m = obj(o);
                if (!m.containsKey((String) p)) {
                    throw new AssertionError("no key '" + p + "' in " + m.keySet());
                }
                o = m.get(p);
            }
        }
        return o;
    }
}

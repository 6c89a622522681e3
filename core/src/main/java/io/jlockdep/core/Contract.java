package io.jlockdep.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Declared lock orders to prime the engine with: "an instance of A may be held while one of B is taken".
 * Primed orders count as already observed, so the reverse order is reported the first time it runs,
 * even if the declared order never runs in this JVM.
 *
 * <p>Text format, one order per line:
 * <pre>
 * # comment
 * reservation_acquire -&gt; reservation_mutex
 * reservation_mutex -&gt; fs_reclaim -&gt; dma_fence_map      # a chain is one order per arrow
 * dma_fence_signalling [r] -&gt; driver_lock [W]              # optional mode per name: W (default), r, R
 * </pre>
 * UTF-8 text (a leading byte-order mark is ignored). Orders that form a cycle ({@code A -> B}, {@code B -> A})
 * are rejected, whatever their modes: a declared order cannot contradict itself.
 */
public final class Contract {
    private final List<Order> orders;

    private Contract(List<Order> orders) {
        this.orders = Collections.unmodifiableList(orders);
    }

    /** A contract of the given orders. */
    public static Contract of(List<Order> orders) {
        return new Contract(new ArrayList<>(orders));
    }

    /** The declared orders, in file order. */
    public List<Order> orders() {
        return orders;
    }

    /**
     * Reads a contract file.
     *
     * @throws ContractException with {@code FILE:LINE: what is wrong} for a malformed line
     * @throws IOException if the file cannot be read
     */
    public static Contract parse(Path file) throws ContractException, IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ContractException(file + ":" + badUtf8Line(bytes) + ": not valid UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return parse(new StringReader(text), file.toString());
    }

    /** The 1-based line of the first byte sequence in {@code bytes} that is not UTF-8. */
    private static int badUtf8Line(byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = d.decode(in, out, true);
        int line = 1;
        int end = r.isError() ? in.position() : bytes.length;
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * Reads a contract; {@code sourceName} names it in error messages and edge origins.
     *
     * @throws ContractException with {@code sourceName:LINE: what is wrong} for a malformed line
     */
    public static Contract parse(Reader in, String sourceName) throws ContractException, IOException {
        BufferedReader reader = in instanceof BufferedReader ? (BufferedReader) in : new BufferedReader(in);
        List<Order> orders = new ArrayList<>();
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            String text = line;
            int hash = text.indexOf('#');
            if (hash >= 0) {
                text = text.substring(0, hash);
            }
            text = text.trim();
            if (text.isEmpty()) {
                continue;
            }
            String where = sourceName + ":" + lineNo;
            String[] parts = text.split("->", -1);
            if (parts.length < 2) {
                throw new ContractException(where + ": expected 'A -> B', got '" + text + "'");
            }
            String prevName = null;
            Mode prevMode = null;
            for (String part : parts) {
                String name = part.trim();
                Mode mode = Mode.EXCLUSIVE;
                if (name.endsWith("]")) {
                    int open = name.lastIndexOf('[');
                    if (open < 0 || (open > 0 && !Character.isWhitespace(name.charAt(open - 1)))) {
                        throw new ContractException(where + ": malformed mode suffix in '" + name
                                + "' (write ' [W]', ' [r]' or ' [R]' after the name)");
                    }
                    String sym = name.substring(open + 1, name.length() - 1).trim();
                    if (sym.length() != 1 || "WrR".indexOf(sym.charAt(0)) < 0) {
                        throw new ContractException(where + ": unknown mode '[" + sym + "]' in '" + name
                                + "' (valid: [W], [r], [R])");
                    }
                    mode = Mode.ofSymbol(sym.charAt(0));
                    name = name.substring(0, open).trim();
                }
                if (name.isEmpty()) {
                    throw new ContractException(where + ": missing lock class name in '" + text + "'");
                }
                if (prevName != null) {
                    if (prevName.equals(name)) {
                        throw new ContractException(where + ": '" + name + " -> " + name
                                + "' orders a class against itself");
                    }
                    orders.add(new Order(prevName, prevMode, name, mode, where));
                }
                prevName = name;
                prevMode = mode;
            }
        }
        String cycle = cycle(orders);
        if (cycle != null) {
            throw new ContractException(sourceName + ": the declared orders form a cycle: " + cycle);
        }
        return new Contract(orders);
    }

    /**
     * The first cycle of the orders, {@code A -> B -> A (lines 1, 2)}, or null. A contract declares one
     * order; a cycle contradicts itself (whatever the modes) and would report every run of its own orders.
     */
    private static String cycle(List<Order> orders) {
        Map<String, List<Order>> next = new LinkedHashMap<>();
        for (Order o : orders) {
            next.computeIfAbsent(o.from, k -> new ArrayList<>()).add(o);
        }
        // iterative depth-first search: 0 unseen, 1 on the path, 2 done
        Map<String, Integer> state = new HashMap<>();
        for (String start : next.keySet()) {
            if (state.containsKey(start)) {
                continue;
            }
            List<Order> path = new ArrayList<>();
            List<String> nodes = new ArrayList<>();
            List<Integer> cursor = new ArrayList<>();
            nodes.add(start);
            cursor.add(0);
            state.put(start, 1);
            while (!nodes.isEmpty()) {
                int top = nodes.size() - 1;
                List<Order> out = next.getOrDefault(nodes.get(top), Collections.<Order>emptyList());
                int i = cursor.get(top);
                if (i == out.size()) {
                    state.put(nodes.remove(top), 2);
                    cursor.remove(top);
                    if (!path.isEmpty()) {
                        path.remove(path.size() - 1);
                    }
                    continue;
                }
                cursor.set(top, i + 1);
                Order o = out.get(i);
                Integer st = state.get(o.to);
                if (st == null) {
                    state.put(o.to, 1);
                    nodes.add(o.to);
                    cursor.add(0);
                    path.add(o);
                } else if (st == 1) {
                    path.add(o);
                    return describe(path.subList(nodes.indexOf(o.to), path.size()));
                }
            }
        }
        return null;
    }

    private static String describe(List<Order> cycle) {
        StringBuilder sb = new StringBuilder(cycle.get(0).from);
        StringBuilder where = new StringBuilder();
        for (Order o : cycle) {
            sb.append(" -> ").append(o.to);
            where.append(where.length() == 0 ? "" : ", ").append(o.origin);
        }
        return sb.append(" (").append(where).append(')').toString();
    }

    /** One declared order {@code from -> to}. */
    public static final class Order {
        private final String from;
        private final Mode fromMode;
        private final String to;
        private final Mode toMode;
        private final String origin;

        /** An order; {@code origin} says where it was declared (e.g. {@code contract.txt:3}). */
        public Order(String from, Mode fromMode, String to, Mode toMode, String origin) {
            this.from = from;
            this.fromMode = fromMode;
            this.to = to;
            this.toMode = toMode;
            this.origin = origin;
        }

        /** The class that may be held. */
        public String from() {
            return from;
        }

        /** How {@link #from()} is held. */
        public Mode fromMode() {
            return fromMode;
        }

        /** The class that may be taken while {@link #from()} is held. */
        public String to() {
            return to;
        }

        /** How {@link #to()} is taken. */
        public Mode toMode() {
            return toMode;
        }

        /** Where the order was declared. */
        public String origin() {
            return origin;
        }

        @Override
        public String toString() {
            return from + " [" + fromMode.symbol() + "] -> " + to + " [" + toMode.symbol() + "]";
        }
    }
}

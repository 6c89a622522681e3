package io.jlockdep.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(in, file.toString());
        }
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
        return new Contract(orders);
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

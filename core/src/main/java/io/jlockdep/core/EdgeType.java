package io.jlockdep.core;

/**
 * The four types a dependency edge {@code P -> N} can carry, named by how P was held (Exclusive or
 * Shared) and how N was acquired (Recursive-shared or Non-recursive). One pair of classes may carry
 * several types. Cycles are searched along <em>strong</em> paths only: an {@code *R} edge may not be
 * followed by an {@code S*} edge (a recursive reader never waits for a shared holder).
 */
public enum EdgeType {
    /** P held shared, N acquired recursive-shared. */
    SR,
    /** P held exclusive, N acquired recursive-shared. */
    ER,
    /** P held shared, N acquired exclusive or non-recursive shared. */
    SN,
    /** P held exclusive, N acquired exclusive or non-recursive shared. */
    EN;

    private static final EdgeType[] VALUES = values();

    /** This type's bit in a type set: {@code 1 << ordinal()}. */
    public int bit() {
        return 1 << ordinal();
    }

    /** Whether an edge of this type ends in a recursive-shared acquisition ({@code ER}, {@code SR}). */
    public boolean endsRecursive() {
        return this == ER || this == SR;
    }

    /** Whether an edge of this type starts from a shared hold ({@code SR}, {@code SN}). */
    public boolean startsShared() {
        return this == SR || this == SN;
    }

    /** The type of the edge from a lock held in {@code held} mode to one acquired in {@code acquired} mode. */
    public static EdgeType of(Mode held, Mode acquired) {
        return VALUES[index(held, acquired)];
    }

    static int index(Mode held, Mode acquired) {
        return (held == Mode.EXCLUSIVE ? 1 : 0) + (acquired != Mode.SHARED_RECURSIVE ? 2 : 0);
    }

    static EdgeType ofIndex(int index) {
        return VALUES[index];
    }

    /** The names of the types in a bit set, comma-separated in the order SR, ER, SN, EN. */
    public static String names(int bits) {
        StringBuilder sb = new StringBuilder();
        for (EdgeType t : VALUES) {
            if ((bits & t.bit()) != 0) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(t.name());
            }
        }
        return sb.toString();
    }
}

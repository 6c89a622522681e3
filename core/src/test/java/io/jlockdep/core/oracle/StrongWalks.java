package io.jlockdep.core.oracle;

import java.util.ArrayDeque;

/**
 * Brute-force strong-cycle membership over a typed graph given as a bit matrix
 * {@code bits[from][to]} of edge types (SR=1, ER=2, SN=4, EN=8, as in docs/engine.md).
 *
 * <p>The rule: in a strong walk no edge of type {@code *R} (ER, SR) is directly followed by an edge of
 * type {@code S*} (SR, SN); a strong closed walk also obeys it at the wrap-around junction.
 *
 * <p>The oracle uses {@link #onStrongClosedWalk}: a search in the <em>edge-succession graph</em> (the
 * line graph whose nodes are typed edges and whose arcs are the allowed junctions). A typed edge lies on
 * a strong closed walk iff it can reach itself in that graph in one or more steps: rotate the closed walk
 * so that the edge comes first. Two further formulations ({@link #byStateClosure}, a Warshall closure
 * over (node, arrived-by-*R) states, and {@link #byWalkEnumeration}, plain enumeration of bounded walks)
 * are cross-checked against it in {@code OracleTest}.
 */
final class StrongWalks {

    static final int SR = 1;
    static final int ER = 2;
    static final int SN = 4;
    static final int EN = 8;
    static final int[] TYPES = {SR, ER, SN, EN};
    static final String[] TYPE_NAMES = {"SR", "ER", "SN", "EN"};

    private StrongWalks() {
    }

    static boolean endsRecursive(int type) {
        return type == ER || type == SR;
    }

    static boolean startsShared(int type) {
        return type == SR || type == SN;
    }

    /** May an edge of type {@code first} be directly followed by one of type {@code second}? */
    static boolean junctionOk(int first, int second) {
        return !(endsRecursive(first) && startsShared(second));
    }

    /** type of an edge from an entry held with effective mode {@code held} to an acquisition in mode {@code acquired} */
    static int type(char held, char acquired) {
        boolean exclusive = held == 'W';
        boolean recursive = acquired == 'R';
        if (exclusive) {
            return recursive ? ER : EN;
        }
        return recursive ? SR : SN;
    }

    static String names(int bits) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            if ((bits & TYPES[i]) != 0) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(TYPE_NAMES[i]);
            }
        }
        return sb.toString();
    }

    private static int typeIndex(int type) {
        return Integer.numberOfTrailingZeros(type);
    }

    /** Does the typed edge (from -> to, type) lie on a strong closed walk of the graph? */
    static boolean onStrongClosedWalk(int[][] bits, int from, int to, int type) {
        int n = bits.length;
        int target = (from * n + to) * 4 + typeIndex(type);
        boolean[] seen = new boolean[n * n * 4];
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        pushSuccessors(bits, to, type, todo);
        while (!todo.isEmpty()) {
            int e = todo.pop();
            if (e == target) {
                return true;
            }
            if (seen[e]) {
                continue;
            }
            seen[e] = true;
            int t = TYPES[e % 4];
            int b = (e / 4) % n;
            pushSuccessors(bits, b, t, todo);
        }
        return false;
    }

    /** all typed edges leaving {@code node} that may follow an edge of type {@code inType} */
    private static void pushSuccessors(int[][] bits, int node, int inType, ArrayDeque<Integer> todo) {
        int n = bits.length;
        for (int c = 0; c < n; c++) {
            int b = bits[node][c];
            for (int i = 0; i < 4; i++) {
                if ((b & TYPES[i]) != 0 && junctionOk(inType, TYPES[i])) {
                    todo.push((node * n + c) * 4 + i);
                }
            }
        }
    }

    /**
     * Second formulation: reflexive-transitive closure (Warshall) over states (node, arrived-by-*R).
     * The edge (a -> b, t) is on a strong closed walk iff from state (b, endsR(t)) some state (a, x) is
     * reachable from which t may be taken.
     */
    static boolean byStateClosure(int[][] bits, int from, int to, int type) {
        int n = bits.length;
        int s = 2 * n;
        boolean[][] reach = new boolean[s][s];
        for (int u = 0; u < n; u++) {
            for (int lastR = 0; lastR < 2; lastR++) {
                int su = 2 * u + lastR;
                reach[su][su] = true;
                for (int v = 0; v < n; v++) {
                    for (int t : TYPES) {
                        if ((bits[u][v] & t) == 0) {
                            continue;
                        }
                        if (lastR == 1 && startsShared(t)) {
                            continue;
                        }
                        reach[su][2 * v + (endsRecursive(t) ? 1 : 0)] = true;
                    }
                }
            }
        }
        for (int k = 0; k < s; k++) {
            for (int i = 0; i < s; i++) {
                if (!reach[i][k]) {
                    continue;
                }
                for (int j = 0; j < s; j++) {
                    if (reach[k][j]) {
                        reach[i][j] = true;
                    }
                }
            }
        }
        int start = 2 * to + (endsRecursive(type) ? 1 : 0);
        if (reach[start][2 * from]) {
            return true; // arrived at 'from' by a *N edge: any type may follow
        }
        return reach[start][2 * from + 1] && !startsShared(type);
    }

    /**
     * Third formulation, only for tiny graphs: enumerate every walk that starts with the edge and has at
     * most {@code 2n + 1} edges (a shortest closed strong walk through it visits each of the 2n states at
     * most once), and look for one that returns to {@code from} with a valid wrap-around junction.
     */
    static boolean byWalkEnumeration(int[][] bits, int from, int to, int type) {
        return walk(bits, from, type, to, type, 1, 2 * bits.length + 1);
    }

    private static boolean walk(int[][] bits, int origin, int firstType, int at, int lastType, int len, int max) {
        if (at == origin && junctionOk(lastType, firstType)) {
            return true;
        }
        if (len == max) {
            return false;
        }
        for (int c = 0; c < bits.length; c++) {
            for (int t : TYPES) {
                if ((bits[at][c] & t) != 0 && junctionOk(lastType, t)
                        && walk(bits, origin, firstType, c, t, len + 1, max)) {
                    return true;
                }
            }
        }
        return false;
    }
}

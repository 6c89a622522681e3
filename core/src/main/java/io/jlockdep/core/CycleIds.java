package io.jlockdep.core;

/**
 * Stable cycle ids: a 64-bit FNV-1a hash of the kind, a variant and the cycle's (class name, edge type)
 * sequence, taken from the rotation that starts at the smallest class name — so one cycle found from
 * any of its edges, in any run or JVM, has one id.
 */
final class CycleIds {
    private CycleIds() {
    }

    static String of(FindingKind kind, String variant, String[] names, EdgeType[] types) {
        int n = names.length;
        int best = 0;
        for (int r = 1; r < n; r++) {
            if (compareRotation(names, types, r, best) < 0) {
                best = r;
            }
        }
        long h = 0xcbf29ce484222325L;
        h = mix(h, kind.id());
        h = mix(h, variant);
        for (int i = 0; i < n; i++) {
            int k = (best + i) % n;
            h = mix(h, names[k]);
            h = mix(h, types == null ? "-" : types[k].name());
        }
        return hex(h);
    }

    private static int compareRotation(String[] names, EdgeType[] types, int a, int b) {
        int n = names.length;
        for (int i = 0; i < n; i++) {
            int c = names[(a + i) % n].compareTo(names[(b + i) % n]);
            if (c != 0) {
                return c;
            }
        }
        if (types == null) {
            return 0;
        }
        for (int i = 0; i < n; i++) {
            int c = types[(a + i) % n].compareTo(types[(b + i) % n]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static long mix(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= 0xff;
        h *= 0x100000001b3L;
        return h;
    }

    private static String hex(long h) {
        String s = Long.toHexString(h);
        StringBuilder sb = new StringBuilder(16);
        for (int i = s.length(); i < 16; i++) {
            sb.append('0');
        }
        return sb.append(s).toString();
    }
}

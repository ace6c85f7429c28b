package io.warren.connector.validation;

import java.util.Collection;
import java.util.Optional;

/**
 * Edit distance between names, for "did you mean" suggestions. Counts insertions, deletions, substitutions and
 * swaps of two neighbouring characters (optimal string alignment), so that {@code queue.nmae} is one edit from
 * {@code queue.name}.
 */
public final class NameDistance {

    private NameDistance() {
    }

    /** The number of edits turning {@code a} into {@code b}. */
    public static int between(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[n][m];
    }

    /**
     * The candidate closest to {@code name}, if it is close enough to be a likely typo: at most a third of the
     * name's length away (and at least two edits allowed). Ties go to the first candidate in iteration order.
     * Candidates are also compared ignoring case, {@code _} and {@code -}, so {@code dead_letter} finds
     * {@code dead-letter}.
     */
    public static Optional<String> closest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int limit = Math.max(2, name.length() / 3);
        for (String c : candidates) {
            int d = Math.min(between(name, c), between(normal(name), normal(c)));
            if (d < bestDistance && d <= limit && !c.equals(name)) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String normal(String s) {
        return s.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

package dev.trawl.kql.syntax;

import java.util.Collection;
import java.util.Locale;

/** Did-you-mean: the known word closest to a misspelt one, if it is close enough to be a likely typo. */
public final class Suggestions {
    private Suggestions() {
    }

    /** The closest candidate, or null when none is within a typo's distance. */
    public static String closest(String word, Collection<String> candidates) {
        String lower = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            // KQL is case-sensitive: 'Where' is an error, and 'where' is what was meant.
            int distance = candidate.equals(lower) ? 0 : editDistance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance || (distance == bestDistance && best != null && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = word.length() <= 3 ? 1 : word.length() <= 6 ? 2 : 3;
        return best != null && bestDistance <= allowed && !best.equals(word) ? best : null;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
    static int editDistance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3) {
            return Math.abs(a.length() - b.length());
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

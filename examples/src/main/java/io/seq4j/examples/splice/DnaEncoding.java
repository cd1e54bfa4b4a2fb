package io.seq4j.examples.splice;

import java.util.Map;

/**
 * DNA as frames for a {@link io.seq4j.series.SeriesClassifier}: per base, 4 values for A, C, G, T
 * (one-hot; an IUPAC ambiguity code spreads 1 evenly over the bases it stands for, e.g. R = A or G
 * -> 0.5, 0.5) followed by a one-hot of the base's position (0 .. positions-1), so pooling can tell
 * where a motif is (a splice junction sits at a fixed place in the window). Frames are
 * {@code [L][4 + positions]} for a sequence of L <= positions bases.
 */
public record DnaEncoding(int positions) {
    private static final Map<Character, String> CODES = Map.ofEntries(Map.entry('A', "A"), Map.entry('C', "C"), Map.entry('G', "G"),
            Map.entry('T', "T"), Map.entry('N', "ACGT"), Map.entry('D', "AGT"), Map.entry('R', "AG"), Map.entry('S', "CG"), Map.entry('Y', "CT"),
            Map.entry('K', "GT"), Map.entry('M', "AC"), Map.entry('B', "CGT"), Map.entry('H', "ACT"), Map.entry('V', "ACG"), Map.entry('W', "AT"));

    public DnaEncoding {
        if (positions < 1) throw new IllegalArgumentException("positions must be positive, got " + positions);
    }

    /** Features per base: 4 + positions. */
    public int features() {
        return 4 + positions;
    }

    /** The frames of {@code dna} (A, C, G, T or IUPAC codes, any case); an IllegalArgumentException names a bad base or length. */
    public float[][] frames(String dna) {
        if (dna.isEmpty()) throw new IllegalArgumentException("empty sequence");
        if (dna.length() > positions) {
            throw new IllegalArgumentException("a sequence of " + dna.length() + " bases; this model reads at most " + positions);
        }
        float[][] f = new float[dna.length()][features()];
        for (int t = 0; t < dna.length(); t++) {
            String bases = CODES.get(Character.toUpperCase(dna.charAt(t)));
            if (bases == null) {
                throw new IllegalArgumentException("'" + dna.charAt(t) + "' at position " + (t + 1) + " is not a base (A, C, G, T or an IUPAC code)");
            }
            for (int i = 0; i < bases.length(); i++) f[t]["ACGT".indexOf(bases.charAt(i))] = 1f / bases.length();
            f[t][4 + t] = 1f;
        }
        return f;
    }
}

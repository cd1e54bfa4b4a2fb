package io.seq4j.ner;

import java.util.List;
import java.util.Locale;

/**
 * How entity spans are written as one tag per token.
 * <ul>
 *   <li>IOB1 (CoNLL-2003's original files): I-X inside an entity; B-X only on the first token of
 *       an entity that directly follows another entity of the same type;</li>
 *   <li>IOB2 (BIO): B-X on the first token of every entity, I-X on the others;</li>
 *   <li>BIOES: S-X for one-token entities, else B-X, I-X..., E-X.</li>
 * </ul>
 * O is outside any entity. {@link #detect} tells the scheme of a tagged corpus.
 */
public enum TagScheme {
    IOB1, IOB2, BIOES;

    /** A tag split into its prefix ("O", "B", "I", "E", "S") and entity type ("" for O). */
    public record Tag(String prefix, String type) {
        /** Parses "O", "B-PER", "I-MISC" ...; null when the string is not a tag of any scheme. */
        public static Tag parse(String tag) {
            if (tag.equals("O")) return new Tag("O", "");
            int dash = tag.indexOf('-');
            if (dash != 1 || tag.length() < 3) return null;
            String p = tag.substring(0, 1);
            if (!p.equals("B") && !p.equals("I") && !p.equals("E") && !p.equals("S")) return null;
            return new Tag(p, tag.substring(2));
        }

        @Override
        public String toString() {
            return prefix.equals("O") ? "O" : prefix + "-" + type;
        }
    }

    public static TagScheme parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "iob1" -> IOB1;
            case "iob2", "bio" -> IOB2;
            case "bioes", "iobes" -> BIOES;
            default -> throw new IllegalArgumentException("unknown tag scheme '" + name + "' (known: iob1, iob2, bioes)");
        };
    }

    /**
     * The scheme of tag sequences: BIOES when any E- or S- tag occurs, IOB1 when some entity starts
     * with I- (after O or another type), else IOB2.
     */
    public static TagScheme detect(List<List<String>> sentences) {
        boolean iStarts = false;
        for (List<String> tags : sentences) {
            Tag prev = new Tag("O", "");
            for (String s : tags) {
                Tag t = Tag.parse(s);
                if (t == null) continue;
                if (t.prefix().equals("E") || t.prefix().equals("S")) return BIOES;
                if (t.prefix().equals("I") && (prev.prefix().equals("O") || !prev.type().equals(t.type()))) iStarts = true;
                prev = t;
            }
        }
        return iStarts ? IOB1 : IOB2;
    }

    /**
     * Why tag {@code t} may not follow {@code prev} (the start of a sentence: prev = O), or null when
     * it may; {@code next} is needed by BIOES (B- and I- must continue).
     */
    public String violation(Tag prev, Tag t, Tag next) {
        String p = t.prefix();
        boolean continues = !prev.prefix().equals("O") && prev.type().equals(t.type());
        switch (this) {
            case IOB1 -> {
                if (p.equals("E") || p.equals("S")) return "IOB1 has no " + p + "- tags";
                if (p.equals("B") && !continues) return "in IOB1, B-" + t.type() + " may only follow another " + t.type() + " entity";
            }
            case IOB2 -> {
                if (p.equals("E") || p.equals("S")) return "IOB2 has no " + p + "- tags";
                if (p.equals("I") && !(continues && (prev.prefix().equals("B") || prev.prefix().equals("I")))) {
                    return "I-" + t.type() + " does not continue a " + t.type() + " entity (IOB2 starts entities with B-)";
                }
            }
            case BIOES -> {
                boolean open = (prev.prefix().equals("B") || prev.prefix().equals("I")) && prev.type().equals(t.type());
                if ((p.equals("I") || p.equals("E")) && !open) return p + "-" + t.type() + " does not continue a B-" + t.type();
                if (!p.equals("I") && !p.equals("E") && (prev.prefix().equals("B") || prev.prefix().equals("I"))) {
                    return prev + " is not closed by an E-" + prev.type() + " before " + t;
                }
                if ((p.equals("B") || p.equals("I")) && (next == null || !next.type().equals(t.type())
                        || !(next.prefix().equals("I") || next.prefix().equals("E")))) {
                    return t + " is not continued by I-" + t.type() + " or E-" + t.type();
                }
            }
        }
        return null;
    }
}

package io.seq4j.ner;

import io.seq4j.ner.TagScheme.Tag;

import java.util.ArrayList;
import java.util.List;

/**
 * Entity spans to and from tag sequences in any {@link TagScheme}. Decoding repairs invalid
 * sequences the way conlleval reads them: an I- or E- tag that does not continue an entity of its
 * type starts a new one; O, a B- or S- tag, or a change of type ends the open entity. So
 * {@code decode} never fails and {@code encode(decode(tags))} is the valid sequence nearest in
 * that sense.
 */
public final class EntitySpans {
    /** An entity: its type and tokens {@code [start, end)}. */
    public record Span(String type, int start, int end) {
        public Span {
            if (start < 0 || end <= start) throw new IllegalArgumentException("empty span [" + start + ", " + end + ")");
        }
    }

    private EntitySpans() {
    }

    /** The entities of a tag sequence (tags that are not tags, e.g. "X", count as O). */
    public static List<Span> decode(List<String> tags) {
        List<Span> spans = new ArrayList<>();
        String type = null;
        int start = -1;
        for (int i = 0; i <= tags.size(); i++) {
            Tag t = i < tags.size() ? Tag.parse(tags.get(i)) : null;
            String p = t == null ? "O" : t.prefix();
            boolean continues = type != null && (p.equals("I") || p.equals("E")) && t.type().equals(type);
            if (type != null && !continues) {
                spans.add(new Span(type, start, i));
                type = null;
            }
            if (!p.equals("O") && !continues) {
                type = t.type();
                start = i;
            }
            if (type != null && (p.equals("E") || p.equals("S"))) {
                spans.add(new Span(type, start, i + 1));
                type = null;
            }
        }
        return spans;
    }

    /** The tags of {@code n} tokens holding {@code spans} (non-overlapping, in order) in {@code scheme}. */
    public static List<String> encode(List<Span> spans, int n, TagScheme scheme) {
        String[] tags = new String[n];
        java.util.Arrays.fill(tags, "O");
        Span prev = null;
        for (Span s : spans) {
            if (s.end() > n || (prev != null && s.start() < prev.end())) throw new IllegalArgumentException("overlapping or outside spans: " + spans);
            for (int i = s.start(); i < s.end(); i++) {
                boolean first = i == s.start(), last = i == s.end() - 1;
                String p = switch (scheme) {
                    case IOB1 -> first && prev != null && prev.end() == s.start() && prev.type().equals(s.type()) ? "B" : "I";
                    case IOB2 -> first ? "B" : "I";
                    case BIOES -> first && last ? "S" : first ? "B" : last ? "E" : "I";
                };
                tags[i] = p + "-" + s.type();
            }
            prev = s;
        }
        return List.of(tags);
    }

    /** Re-writes tags in another scheme (repairing invalid sequences as {@link #decode} does). */
    public static List<String> convert(List<String> tags, TagScheme to) {
        return encode(decode(tags), tags.size(), to);
    }
}

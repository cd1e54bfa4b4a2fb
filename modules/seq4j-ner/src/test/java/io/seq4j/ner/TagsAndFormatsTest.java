package io.seq4j.ner;

import io.seq4j.core.data.InputFormatException;
import io.seq4j.ner.EntitySpans.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TagsAndFormatsTest {
    static final List<Span> SPANS = List.of(new Span("PER", 0, 2), new Span("PER", 2, 3), new Span("LOC", 4, 5));

    @Test
    void encodesEverySchemeAndDecodesBack() {
        assertEquals(List.of("I-PER", "I-PER", "B-PER", "O", "I-LOC", "O"), EntitySpans.encode(SPANS, 6, TagScheme.IOB1));
        assertEquals(List.of("B-PER", "I-PER", "B-PER", "O", "B-LOC", "O"), EntitySpans.encode(SPANS, 6, TagScheme.IOB2));
        assertEquals(List.of("B-PER", "E-PER", "S-PER", "O", "S-LOC", "O"), EntitySpans.encode(SPANS, 6, TagScheme.BIOES));
        for (TagScheme s : TagScheme.values()) assertEquals(SPANS, EntitySpans.decode(EntitySpans.encode(SPANS, 6, s)), s.name());
    }

    @Test
    void decodingRepairsInvalidSequencesAsConllevalReadsThem() {
        assertEquals(List.of(new Span("PER", 1, 3)), EntitySpans.decode(List.of("O", "I-PER", "I-PER")));
        assertEquals(List.of(new Span("PER", 0, 1), new Span("LOC", 1, 2)), EntitySpans.decode(List.of("B-PER", "I-LOC")));
        assertEquals(List.of(new Span("ORG", 0, 1), new Span("ORG", 1, 2)), EntitySpans.decode(List.of("E-ORG", "S-ORG")));
        assertEquals(List.of("O", "B-PER", "E-PER"), EntitySpans.convert(List.of("O", "I-PER", "I-PER"), TagScheme.BIOES));
    }

    @Test
    void detectsTheScheme() {
        assertEquals(TagScheme.IOB1, TagScheme.detect(List.of(List.of("I-PER", "I-PER", "O"))));
        assertEquals(TagScheme.IOB2, TagScheme.detect(List.of(List.of("B-PER", "I-PER", "O"), List.of("O"))));
        assertEquals(TagScheme.BIOES, TagScheme.detect(List.of(List.of("B-PER", "E-PER"))));
        assertEquals(TagScheme.IOB2, TagScheme.parse("bio"));
        assertThrows(IllegalArgumentException.class, () -> TagScheme.parse("bilou"));
    }

    @Test
    void readsConll2003AndTwoColumnFiles(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("train.txt");
        Files.writeString(f, "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\n\n\nPeter NNP B-NP B-PER\n"
                + "Blackburn NNP I-NP I-PER\n");
        List<ConllReader.Sentence> s = new ConllReader(null).read(f);
        assertEquals(2, s.size());
        assertEquals(List.of("EU", "rejects", "German"), s.get(0).words());
        assertEquals(List.of("B-ORG", "O", "B-MISC"), s.get(0).tags());
        assertEquals(3, s.get(0).line());
        assertEquals(List.of("B-PER", "I-PER"), s.get(1).tags());
        Path two = dir.resolve("two.tsv");
        Files.writeString(two, "Harry\tB-PER\nPotter\tI-PER\nsmiled\tO\n");
        assertEquals(List.of("Harry", "Potter", "smiled"), new ConllReader(TagScheme.IOB2).read(two).get(0).words());
    }

    @Test
    void badFilesNameFileAndLine(@TempDir Path dir) throws Exception {
        assertError(dir, "a NN O\nb NN B-PER\nc O\n", null, ":3: expected 3 columns (as on line 1), found 2");
        assertError(dir, "a NN O\nb NN PER\n", null, ":2: 'PER' is not a tag (expected O or B-, I-, E-, S- and a type)");
        assertError(dir, "a O\nb I-PER\n", TagScheme.IOB2, ":2: I-PER does not continue a PER entity (IOB2 starts entities with B-)");
        assertError(dir, "a B-PER\nb O\n", TagScheme.BIOES, ":1: B-PER is not continued by I-PER or E-PER");
        assertError(dir, "\n\n", null, ": no tagged sentences in the file");
        assertEquals(1, new ConllReader(null).read(write(dir, "a O\nb I-PER\n")).size(), "not strict: I- after O is accepted");
    }

    private static Path write(Path dir, String text) throws Exception {
        Path f = dir.resolve("bad.txt");
        Files.writeString(f, text);
        return f;
    }

    private static void assertError(Path dir, String text, TagScheme strict, String expected) throws Exception {
        Path f = write(dir, text);
        InputFormatException e = assertThrows(InputFormatException.class, () -> new ConllReader(strict).read(f));
        assertEquals(f + expected, e.getMessage());
    }

    /** Worked by hand through conlleval.pl's rules (see the comments). */
    @Test
    void conllevalScoresAndPrintsLikeThePerlScript() {
        ConllEval e = new ConllEval();
        // PER right; LOC guessed as ORG; the last ORG right although predicted I-ORG (I after O starts a phrase)
        e.add(List.of("B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG"), List.of("B-PER", "I-PER", "O", "B-ORG", "O", "I-ORG"));
        assertEquals("""
                processed 6 tokens with 3 phrases; found: 3 phrases; correct: 2.
                accuracy:  66.67%; precision:  66.67%; recall:  66.67%; FB1:  66.67
                              LOC: precision:   0.00%; recall:   0.00%; FB1:   0.00  0
                              ORG: precision:  50.00%; recall: 100.00%; FB1:  66.67  2
                              PER: precision: 100.00%; recall: 100.00%; FB1: 100.00  1
                """, e.report());
        // a split entity is two wrong phrases, not one right one
        ConllEval split = new ConllEval();
        split.add(List.of("B-PER", "I-PER"), List.of("B-PER", "B-PER"));
        assertEquals(0.0, split.overall().f1());
        assertEquals(0.5, split.accuracy());
        assertEquals(2, split.overall().guessed());
        assertEquals(2.0 / 3, e.overall().f1(), 1e-12);
        assertEquals(0.5, e.perType().get("ORG").precision());
        assertTrue(e.toMap().keySet().containsAll(List.of("precision", "recall", "f1", "per_type")));
    }

    @Test
    void writesConllevalInput(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("pred.txt");
        ConllEval.writeConllevalInput(f, List.of(List.of("Harry", "smiled")), List.of(List.of("B-PER", "O")), List.of(List.of("B-PER", "B-LOC")));
        assertEquals("Harry B-PER B-PER\nsmiled O B-LOC\n\n", Files.readString(f));
    }
}

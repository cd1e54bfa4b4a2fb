package io.seq4j.core.text;

import io.seq4j.core.data.InputFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VocabularyTest {
    static final List<String> TOKENS = List.of("the", "cat", "sat", "on", "the", "mat", "the", "cat");

    @Test
    void reservedTokensComeFirstThenByFrequencyThenAlphabetically() {
        Vocabulary v = Vocabulary.builder().addAll(TOKENS).build();
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", "the", "cat", "mat", "on", "sat"), v.tokens());
        assertEquals(Vocabulary.UNK, v.indexOf("dog"));
        assertArrayEquals(new int[]{4, 5, 1}, v.encode(List.of("the", "cat", "dog")));
        assertEquals(List.of("the", "<unk>"), v.decode(new int[]{4, 1}));
    }

    @Test
    void minCountAndMaxSize() {
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", "the", "cat"),
                Vocabulary.builder().optMinCount(2).addAll(TOKENS).build().tokens());
        assertEquals(5, Vocabulary.builder().optMaxSize(5).addAll(TOKENS).build().size());
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.builder().optMaxSize(3));
    }

    @Test
    void savesAndLoadsPlainText(@TempDir Path dir) throws Exception {
        Vocabulary v = Vocabulary.builder().addAll(TOKENS).addAll(List.of("naïve", "日本")).build();
        Path f = dir.resolve("vocab.txt");
        v.save(f);
        assertEquals(v.tokens(), Files.readAllLines(f));
        assertEquals(v, Vocabulary.load(f));
    }

    @Test
    void badFilesAreReportedWithFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("v.txt");
        Files.writeString(f, "<pad>\n<unk>\n<s>\n</s>\na\nb\na\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> Vocabulary.load(f));
        assertEquals(f + ":7: duplicate token 'a' (first on line 5)", e.getMessage());
        Files.writeString(f, "the\ncat\n");
        assertEquals(1, assertThrows(InputFormatException.class, () -> Vocabulary.load(f)).line());
    }

    @Test
    void tokenizers() {
        assertEquals(List.of("Don't", "stop", ",", "it's", "3.14", "well-known", "!"),
                new WordTokenizer(false).tokenize("Don't stop, it's 3.14 well-known!"));
        assertEquals(List.of("no", "good", "."), Tokenizer.forName("word-lower").tokenize("No good."));
        assertEquals(List.of("h", "é", " ", "😀"), new CharTokenizer().tokenize("hé 😀"));
        assertThrows(IllegalArgumentException.class, () -> Tokenizer.forName("bpe"));
    }

    @Test
    void labelSets() {
        LabelSet l = LabelSet.sortedOf(List.of("pos", "neg", "pos"));
        assertEquals(List.of("neg", "pos"), l.labels());
        assertEquals(1, l.indexOf("pos"));
        assertThrows(IllegalArgumentException.class, () -> l.indexOf("neutral"));
    }
}

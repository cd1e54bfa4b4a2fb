package io.seq4j.ner.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.seq4j.core.data.InputFormatException;
import io.seq4j.ner.ConllReader;
import io.seq4j.ner.TagScheme;

import java.nio.file.Files;
import java.nio.file.Path;

/** Fuzz target for CoNLL files, strict IOB1 and scheme-free: sentences, or a documented InputFormatException. */
class ConllReaderFuzzTest {
    @FuzzTest
    void conll(byte[] data) throws Exception {
        Path f = Files.createTempFile("fuzz", ".conll");
        try {
            Files.write(f, data);
            for (TagScheme s : new TagScheme[]{null, TagScheme.IOB1}) {
                try {
                    for (ConllReader.Sentence sentence : new ConllReader(s).read(f)) {
                        if (sentence.words().size() != sentence.tags().size()) throw new AssertionError("words and tags differ in number");
                    }
                } catch (InputFormatException expected) {
                    // documented
                }
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }
}

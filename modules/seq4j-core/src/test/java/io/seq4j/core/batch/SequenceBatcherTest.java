package io.seq4j.core.batch;

import io.seq4j.core.data.LabeledSequence;
import io.seq4j.core.data.TaggedSequence;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceBatcherTest {

    @Test
    void manyToOneOneHotWithPaddingAndMask() {
        SequenceBatcher b = SequenceBatcher.builder(InputEncoding.ONE_HOT, 5, 2).build();
        DataSet ds = b.labeled(List.of(new LabeledSequence(new int[]{4, 2, 3}, 1), new LabeledSequence(new int[]{1}, 0)));
        assertArrayEquals(new long[]{2, 5, 3}, ds.getFeatures().shape());
        assertEquals(1.0, ds.getFeatures().getDouble(0, 4, 0));
        assertEquals(1.0, ds.getFeatures().getDouble(0, 3, 2));
        assertEquals(1.0, ds.getFeatures().getDouble(1, 1, 0));
        assertEquals(4.0, ds.getFeatures().sumNumber().doubleValue());   // 4 real steps, nothing in the padding
        assertEquals(Nd4j.create(new float[][]{{1, 1, 1}, {1, 0, 0}}), ds.getFeaturesMaskArray());
        assertEquals(Nd4j.create(new float[][]{{0, 1}, {1, 0}}), ds.getLabels());
        assertNull(ds.getLabelsMaskArray());
    }

    @Test
    void manyToManyIndexEncodingLabelMaskEqualsFeatureMask() {
        SequenceBatcher b = SequenceBatcher.builder(InputEncoding.INDEX, 10, 3).optMaxLength(3).build();
        DataSet ds = b.tagged(List.of(new TaggedSequence(new int[]{7, 8, 9, 6}, new int[]{0, 1, 2, 2}),
                new TaggedSequence(new int[]{5, 4}, new int[]{2, 2})));
        assertEquals(Nd4j.create(new float[][][]{{{7, 8, 9}}, {{5, 4, 0}}}), ds.getFeatures());   // cut to 3, padded
        assertArrayEquals(new long[]{2, 3, 3}, ds.getLabels().shape());
        assertEquals(1.0, ds.getLabels().getDouble(0, 2, 2));
        assertEquals(0.0, ds.getLabels().getDouble(1, 2, 2));   // padding has no label
        assertEquals(ds.getFeaturesMaskArray(), ds.getLabelsMaskArray());
    }

    @Test
    void sparseLabelsAreClassIndices() {
        SequenceBatcher b = SequenceBatcher.builder(InputEncoding.INDEX, 10, 9).optSparseLabels(true).build();
        DataSet ds = b.tagged(List.of(new TaggedSequence(new int[]{7, 8, 9}, new int[]{8, 0, 5}),
                new TaggedSequence(new int[]{5}, new int[]{3})));
        assertEquals(Nd4j.create(new float[][][]{{{8, 0, 5}}, {{3, 0, 0}}}), ds.getLabels());
        assertEquals(Nd4j.create(new float[][]{{1, 1, 1}, {1, 0, 0}}), ds.getLabelsMaskArray());
    }

    @Test
    void noMaskWithoutPadding() {
        SequenceBatcher b = SequenceBatcher.builder(InputEncoding.INDEX, 10, 2).build();
        assertNull(b.labeled(List.of(new LabeledSequence(new int[]{1, 2}, 0), new LabeledSequence(new int[]{3, 4}, 1)))
                .getFeaturesMaskArray());
    }

    @Test
    void bucketingGroupsSimilarLengthsAndIsDeterministicPerEpoch() {
        List<LabeledSequence> samples = new ArrayList<>();
        java.util.Random r = new java.util.Random(0);
        for (int i = 0; i < 1000; i++) samples.add(new LabeledSequence(new int[1 + r.nextInt(100)], 0));
        SequenceBatcher b = SequenceBatcher.builder(InputEncoding.INDEX, 10, 2).optBatchSize(20).build();
        List<List<LabeledSequence>> plan = b.plan(samples, 3);
        assertEquals(50, plan.size());
        assertEquals(1000, plan.stream().mapToInt(List::size).sum());
        long padded = 0, real = 0;
        for (List<LabeledSequence> batch : plan) {
            int max = batch.stream().mapToInt(LabeledSequence::length).max().orElseThrow();
            for (LabeledSequence s : batch) {
                padded += max - s.length();
                real += s.length();
            }
        }
        assertTrue(padded < real * 0.1, "padding " + padded + " vs real " + real);
        assertEquals(plan, b.plan(samples, 3));
        assertTrue(!plan.equals(b.plan(samples, 4)));
    }

    @Test
    void badIndicesAndSettingsAreRejected() {
        SequenceBatcher b = SequenceBatcher.builder(InputEncoding.ONE_HOT, 5, 2).build();
        assertThrows(IllegalArgumentException.class, () -> b.labeled(List.of(new LabeledSequence(new int[]{5}, 0))));
        assertThrows(IllegalArgumentException.class, () -> b.labeled(List.of(new LabeledSequence(new int[]{1}, 2))));
        assertThrows(IllegalArgumentException.class, () -> SequenceBatcher.builder(InputEncoding.INDEX, 5, 2).optBatchSize(0).build());
    }
}

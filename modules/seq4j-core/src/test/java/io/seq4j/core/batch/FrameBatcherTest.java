package io.seq4j.core.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.seq4j.core.data.LabeledFrames;
import io.seq4j.core.data.TargetFrames;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

class FrameBatcherTest {
    @Test
    void padsFramesIntoNcwWithMaskAndOneHotLabels() {
        FrameBatcher b = new FrameBatcher(2, 8, false, 1);
        DataSet d = b.labeled(List.of(new LabeledFrames(new float[][]{{1, 2}, {3, 4}, {5, 6}}, 1),
                new LabeledFrames(new float[][]{{7, 8}}, 0)), 2);
        assertArrayEquals(new long[]{2, 2, 3}, d.getFeatures().shape());
        // sample 0, feature 1 over time; sample 1, feature 0: the real step then zero padding
        assertArrayEquals(new float[]{2, 4, 6}, d.getFeatures().get(NDArrayIndex.point(0), NDArrayIndex.point(1), NDArrayIndex.all()).toFloatVector());
        assertArrayEquals(new float[]{7, 0, 0}, d.getFeatures().get(NDArrayIndex.point(1), NDArrayIndex.point(0), NDArrayIndex.all()).toFloatVector());
        assertArrayEquals(new float[]{1, 1, 1, 1, 0, 0}, d.getFeaturesMaskArray().reshape(6).toFloatVector());
        assertArrayEquals(new float[]{0, 1, 1, 0}, d.getLabels().reshape(4).toFloatVector());
    }

    @Test
    void equalLengthsNeedNoMaskAndTargetsKeepTheirValues() {
        FrameBatcher b = new FrameBatcher(1, 8, false, 1);
        DataSet d = b.targets(List.of(new TargetFrames(new float[][]{{1}, {2}}, new float[]{0.5f, -1}),
                new TargetFrames(new float[][]{{3}, {4}}, new float[]{2, 3})));
        assertNull(d.getFeaturesMaskArray());
        assertArrayEquals(new float[]{0.5f, -1, 2, 3}, d.getLabels().reshape(4).toFloatVector());
    }

    @Test
    void badSamplesAreRefusedWithWhatIsWrong() {
        assertEquals("frame 1 has 1 features, frame 0 has 2",
                assertThrows(IllegalArgumentException.class, () -> new LabeledFrames(new float[][]{{1, 2}, {3}}, 0)).getMessage());
        assertEquals("frame 0, feature 0 is NaN",
                assertThrows(IllegalArgumentException.class, () -> new LabeledFrames(new float[][]{{Float.NaN}}, 0)).getMessage());
        FrameBatcher b = new FrameBatcher(3, 8, false, 1);
        assertThrows(IllegalArgumentException.class, () -> b.features(List.of(new LabeledFrames(new float[][]{{1, 2}}, 0))));
    }

    @Test
    void everySampleIsInExactlyOneBatchPerEpochAndEpochsAreReproducible() {
        List<LabeledFrames> samples = new ArrayList<>();
        for (int i = 0; i < 50; i++) samples.add(new LabeledFrames(new float[1 + i % 7][1], i));
        FrameBatcher b = new FrameBatcher(1, 8, true, 3);
        EpochSource epochs = b.epochs(samples, batch -> b.labeled(batch, 50));
        assertEquals(7, epochs.batchesPerEpoch());
        float[] seen = new float[50];
        List<Float> first = new ArrayList<>();
        epochs.epoch(2).forEachRemaining(d -> {
            float[] y = d.getLabels().sum(0).toFloatVector();
            for (int c = 0; c < 50; c++) seen[c] += y[c];
            first.add(d.getLabels().argMax(1).getFloat(0));
        });
        for (float s : seen) assertEquals(1f, s);
        List<Float> again = new ArrayList<>();
        epochs.epoch(2).forEachRemaining(d -> again.add(d.getLabels().argMax(1).getFloat(0)));
        assertEquals(first, again);
    }
}

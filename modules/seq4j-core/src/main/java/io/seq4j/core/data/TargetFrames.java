package io.seq4j.core.data;

/**
 * A many-to-one regression sample: real-valued frames and the values to predict from them.
 *
 * @param frames {@code [T][F]} (see {@link FrameSample#frames})
 * @param target the K >= 1 values to predict (e.g. tomorrow's temperature)
 */
public record TargetFrames(float[][] frames, float[] target) implements FrameSample {
    public TargetFrames {
        FrameSample.check(frames);
        if (target.length == 0) throw new IllegalArgumentException("a regression sample needs at least one target value");
    }
}

package io.seq4j.core.data;

/**
 * A many-to-one classification sample over real-valued frames.
 *
 * @param frames {@code [T][F]} (see {@link FrameSample#frames})
 * @param label  class index in [0, numClasses)
 */
public record LabeledFrames(float[][] frames, int label) implements FrameSample {
    public LabeledFrames {
        FrameSample.check(frames);
    }
}

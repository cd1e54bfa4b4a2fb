package io.seq4j.core.data;

/**
 * A sample whose input is a sequence of real-valued frames: audio feature frames, the days of a
 * time series, the pixels of video frames.
 */
public interface FrameSample {
    /** The frames, {@code [T][F]}: T >= 1 time steps of F features each (F the same for every step). */
    float[][] frames();

    default int length() {
        return frames().length;
    }

    /** Checks the frames: at least one, all of the same width, every value finite. */
    static float[][] check(float[][] frames) {
        if (frames.length == 0) throw new IllegalArgumentException("a sequence needs at least one frame");
        int f = frames[0].length;
        if (f == 0) throw new IllegalArgumentException("frames need at least one feature");
        for (int t = 0; t < frames.length; t++) {
            if (frames[t].length != f) {
                throw new IllegalArgumentException("frame " + t + " has " + frames[t].length + " features, frame 0 has " + f);
            }
            for (int i = 0; i < f; i++) {
                if (!Float.isFinite(frames[t][i])) throw new IllegalArgumentException("frame " + t + ", feature " + i + " is " + frames[t][i]);
            }
        }
        return frames;
    }
}

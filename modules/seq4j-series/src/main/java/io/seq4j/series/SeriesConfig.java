package io.seq4j.series;

import static io.seq4j.core.data.SettingValues.bool;
import static io.seq4j.core.data.SettingValues.integer;
import static io.seq4j.core.data.SettingValues.real;
import static io.seq4j.core.data.SettingValues.whole;

import io.seq4j.core.nn.Pooling;
import io.seq4j.core.nn.RecurrentSpec;
import io.seq4j.core.nn.RecurrentSpec.Cell;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of a many-to-one model over frame sequences ({@link SeriesClassifier}, {@link SeriesRegressor}), immutable.
 *
 * <p>Network: [optional per-frame CNN] -> the recurrent encoder ({@code cell}, {@code units},
 * {@code depth}, {@code bidirectional}, {@code dropout} on every recurrent layer's input) ->
 * {@code pooling} over steps -> [optional dense layer of {@code hidden} ReLU units] -> output
 * ({@code outputDropout} on its input): softmax for classes, identity for regression (loss
 * {@code loss}: mse or l1). Trained with Adam at {@code learningRate}, gradient-norm clipping 5, at most
 * {@code epochs} epochs with early stopping after {@code patience} epochs without dev gain, the best
 * dev epoch kept.
 *
 * @param cnn per-frame image encoder as "HxWxC" (frames are flattened C x H x W images, channel
 *            first) with {@code cnnFilters} 3x3 filters per convolution (two conv + 2x2 max-pool
 *            blocks); "" for none
 */
public record SeriesConfig(Cell cell, int units, int depth, boolean bidirectional, Pooling pooling, double dropout,
                           int hidden, double outputDropout, String loss, String cnn, int cnnFilters, int batchSize,
                           double learningRate, double l2, int epochs, int patience, long seed) {

    public SeriesConfig {
        require(cell != null && pooling != null, "cell and pooling must be set");
        require(units >= 1 && depth >= 1, "units and depth must be positive");
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
        require(outputDropout >= 0 && outputDropout < 1, "outputDropout must be in [0, 1), got " + outputDropout);
        require(hidden >= 0, "hidden must be >= 0 (0 = no dense layer), got " + hidden);
        require(loss.equals("mse") || loss.equals("l1"), "loss: '" + loss + "' is not mse or l1");
        if (!cnn.isEmpty()) image(cnn);
        require(cnnFilters >= 1, "cnnFilters must be positive, got " + cnnFilters);
        require(batchSize >= 1, "batchSize must be positive, got " + batchSize);
        require(learningRate > 0, "learningRate must be positive, got " + learningRate);
        require(l2 >= 0, "l2 must be >= 0, got " + l2);
        require(epochs >= 1, "epochs must be at least 1, got " + epochs);
        require(patience >= 0, "patience must be >= 0, got " + patience);
    }

    /** General defaults: a bidirectional GRU of 64 units, mean pooling, output dropout 0.3, Adam 0.002, <= 40 epochs, patience 6. */
    public static SeriesConfig defaults() {
        return new SeriesConfig(Cell.GRU, 64, 1, true, Pooling.MEAN, 0.0, 0, 0.3, "mse", "", 16, 32, 0.002, 0.0, 40, 6, 42);
    }

    /** The recurrent encoder (sequences out unless pooling is LAST). */
    public RecurrentSpec encoder() {
        RecurrentSpec.Builder b = RecurrentSpec.builder(cell, units).optDepth(depth).optDropout(dropout)
                .optReturnSequences(pooling.needsSequences());
        if (bidirectional) b.optBidirectional(RecurrentSpec.Merge.CONCAT);
        return b.build();
    }

    /** The {@code cnn} image shape {height, width, channels}, or null when there is no CNN. */
    public int[] cnnImage() {
        return cnn.isEmpty() ? null : image(cnn);
    }

    /** A copy with one setting changed, by its name in {@link #toMap()}; a bad value is an IllegalArgumentException naming the key. */
    public SeriesConfig with(String key, String value) {
        Map<String, String> m = toMap();
        if (!m.containsKey(key)) throw new IllegalArgumentException("unknown setting '" + key + "' (known: " + String.join(", ", m.keySet()) + ")");
        m.put(key, value);
        return fromMap(m);
    }

    /** A copy with several settings changed (see {@link #with}). */
    public SeriesConfig with(Map<String, String> changes) {
        SeriesConfig c = this;
        for (Map.Entry<String, String> e : changes.entrySet()) c = c.with(e.getKey(), e.getValue());
        return c;
    }

    /** Settings from the map {@link #toMap()} writes (every key present). */
    public static SeriesConfig fromMap(Map<String, String> m) {
        for (String k : defaults().toMap().keySet()) {
            if (!m.containsKey(k)) throw new IllegalArgumentException("series settings: missing '" + k + "'");
        }
        return new SeriesConfig(RecurrentSpec.parseCell(m.get("cell")), integer(m, "units"), integer(m, "depth"), bool(m, "bidirectional"),
                pooling(m.get("pooling")), real(m, "dropout"), integer(m, "hidden"), real(m, "outputDropout"),
                m.get("loss").toLowerCase(Locale.ROOT), m.get("cnn"), integer(m, "cnnFilters"), integer(m, "batchSize"),
                real(m, "learningRate"), real(m, "l2"), integer(m, "epochs"), integer(m, "patience"), whole(m, "seed"));
    }

    /** The settings by name, in the spelling {@link #with} reads. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cell", RecurrentSpec.cellName(cell));
        m.put("units", Integer.toString(units));
        m.put("depth", Integer.toString(depth));
        m.put("bidirectional", Boolean.toString(bidirectional));
        m.put("pooling", pooling.name().toLowerCase(Locale.ROOT));
        m.put("dropout", Double.toString(dropout));
        m.put("hidden", Integer.toString(hidden));
        m.put("outputDropout", Double.toString(outputDropout));
        m.put("loss", loss);
        m.put("cnn", cnn);
        m.put("cnnFilters", Integer.toString(cnnFilters));
        m.put("batchSize", Integer.toString(batchSize));
        m.put("learningRate", Double.toString(learningRate));
        m.put("l2", Double.toString(l2));
        m.put("epochs", Integer.toString(epochs));
        m.put("patience", Integer.toString(patience));
        m.put("seed", Long.toString(seed));
        return m;
    }


    private static Pooling pooling(String v) {
        try {
            return Pooling.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pooling: '" + v + "' is not one of " + Arrays.toString(Pooling.values()).toLowerCase(Locale.ROOT));
        }
    }

    private static int[] image(String v) {
        String[] p = v.toLowerCase(Locale.ROOT).split("x");
        try {
            int[] hwc = {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])};
            if (p.length == 3 && hwc[0] >= 4 && hwc[1] >= 4 && hwc[2] >= 1) return hwc;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("cnn: '" + v + "' is not HxWxC (height and width >= 4, channels >= 1), e.g. 32x32x1");
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}

package io.seq4j.seq2seq;

import io.seq4j.core.io.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A translation's attention matrix as a PNG heatmap: source tokens (and EOS) across the top, target
 * tokens (and EOS, when the translation is complete) down the left, one cell per weight, white = 0 to dark blue = 1, as in Bahdanau
 * et al. (2015), figure 3.
 */
public final class AttentionHeatmap {
    private static final int CELL = 28;

    private AttentionHeatmap() {
    }

    /** Writes the heatmap of {@code t} to {@code png}, atomically. */
    public static void write(Translation t, Path png) throws IOException {
        BufferedImage img = render(t);
        AtomicFiles.write(png, out -> ImageIO.write(img, "png", out));
    }

    /** The heatmap image ({@link #write} without the file). */
    static BufferedImage render(Translation t) {
        List<String> cols = new ArrayList<>(t.sourceTokens());
        cols.add("</s>");
        List<String> rows = new ArrayList<>(t.tokens());
        if (t.complete()) rows.add("</s>");
        if (t.attention().length != rows.size() || (t.attention().length > 0 && t.attention()[0].length != cols.size())) {
            throw new IllegalArgumentException("attention is " + t.attention().length + "x" + (t.attention().length == 0 ? 0 : t.attention()[0].length)
                    + " but the translation has " + rows.size() + " target and " + cols.size() + " source positions");
        }
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        FontMetrics fm = probe.createGraphics().getFontMetrics(font);
        int left = 10 + rows.stream().mapToInt(fm::stringWidth).max().orElse(0);
        int top = 10 + cols.stream().mapToInt(fm::stringWidth).max().orElse(0);
        int w = left + cols.size() * CELL + 10, h = top + rows.size() * CELL + 10;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(font);
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < cols.size(); c++) {
                float a = Math.max(0f, Math.min(1f, t.attention()[r][c]));
                g.setColor(new Color(1 - 0.9f * a, 1 - 0.75f * a, 1 - 0.45f * a));
                g.fillRect(left + c * CELL, top + r * CELL, CELL, CELL);
            }
            g.setColor(Color.BLACK);
            g.drawString(rows.get(r), left - 5 - fm.stringWidth(rows.get(r)), top + r * CELL + CELL / 2 + fm.getAscent() / 2 - 2);
        }
        AffineTransform base = g.getTransform();
        for (int c = 0; c < cols.size(); c++) {
            g.setTransform(base);
            g.translate(left + c * CELL + CELL / 2 + fm.getAscent() / 2 - 2, top - 5);
            g.rotate(-Math.PI / 2);
            g.drawString(cols.get(c), 0, 0);
        }
        g.setTransform(base);
        g.setColor(Color.GRAY);
        g.drawRect(left, top, cols.size() * CELL, rows.size() * CELL);
        g.dispose();
        return img;
    }
}

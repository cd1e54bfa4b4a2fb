package io.seq4j.series.forecast;

import io.seq4j.core.io.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A PNG line chart of a few series over the same x positions (e.g. test-day truth and predictions), drawn with java.awt (headless). */
public final class LinePlot {
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x7f7f7f)};

    private LinePlot() {
    }

    /**
     * Writes the chart atomically.
     *
     * @param names  one name per series (the legend)
     * @param series {@code [S][N]}: S series of N points each
     * @param xLabel what the x positions are (e.g. "test day, 2015")
     */
    public static void write(Path png, String title, String xLabel, List<String> names, double[][] series) throws IOException {
        int w = 1200, h = 500, left = 70, right = 20, top = 40, bottom = 60;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] s : series) for (double v : s) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        if (!(hi > lo)) { hi = lo + 1; }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(Color.BLACK);
        g.drawString(title, left, 24);
        g.drawString(xLabel, left + (w - left - right) / 2 - 40, h - 15);
        g.setColor(Color.LIGHT_GRAY);
        for (int i = 0; i <= 5; i++) {
            int y = top + (h - top - bottom) * i / 5;
            g.drawLine(left, y, w - right, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.1f", hi - (hi - lo) * i / 5), 5, y + 5);
            g.setColor(Color.LIGHT_GRAY);
        }
        g.setStroke(new BasicStroke(1.3f));
        for (int s = 0; s < series.length; s++) {
            double[] v = series[s];
            g.setColor(COLORS[s % COLORS.length]);
            for (int i = 1; i < v.length; i++) {
                g.drawLine(x(i - 1, v.length, left, w - right), y(v[i - 1], lo, hi, top, h - bottom),
                        x(i, v.length, left, w - right), y(v[i], lo, hi, top, h - bottom));
            }
            g.fillRect(w - right - 220, top + 8 + 18 * s, 14, 4);
            g.drawString(names.get(s), w - right - 200, top + 14 + 18 * s);
        }
        g.dispose();
        AtomicFiles.write(png, out -> ImageIO.write(img, "png", out));
    }

    private static int x(int i, int n, int from, int to) {
        return from + (int) Math.round((to - from) * (n <= 1 ? 0.0 : i / (double) (n - 1)));
    }

    private static int y(double v, double lo, double hi, int top, int bottom) {
        return bottom - (int) Math.round((bottom - top) * (v - lo) / (hi - lo));
    }
}

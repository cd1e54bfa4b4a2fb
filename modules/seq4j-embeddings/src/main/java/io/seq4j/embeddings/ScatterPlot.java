package io.seq4j.embeddings;

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

/** A labelled 2-D scatter plot written as PNG (headless AWT), e.g. of a {@link Tsne} map of words. */
public final class ScatterPlot {
    private ScatterPlot() {
    }

    /**
     * Draws point {@code xy[i]} with label {@code labels.get(i)} and writes {@code png} atomically.
     *
     * @param xy {@code [n][2]} coordinates in any range (scaled to fit)
     */
    public static void write(Path png, String title, List<String> labels, double[][] xy, int width, int height) throws IOException {
        if (labels.size() != xy.length) throw new IllegalArgumentException(labels.size() + " labels for " + xy.length + " points");
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (double[] p : xy) {
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        int margin = 60;
        double sx = (width - 2.0 * margin) / Math.max(maxX - minX, 1e-12);
        double sy = (height - 2.0 * margin - 30) / Math.max(maxY - minY, 1e-12);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, margin, 30);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(margin / 2, 45, width - margin, height - 45 - margin / 2);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i < xy.length; i++) {
            int px = (int) Math.round(margin + (xy[i][0] - minX) * sx);
            int py = (int) Math.round(height - margin - (xy[i][1] - minY) * sy);
            g.setColor(new Color(31, 119, 180));
            g.fillOval(px - 3, py - 3, 6, 6);
            g.setColor(Color.BLACK);
            g.drawString(labels.get(i), px + 5, py - 4);
        }
        g.dispose();
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer in this JVM");
        });
    }
}

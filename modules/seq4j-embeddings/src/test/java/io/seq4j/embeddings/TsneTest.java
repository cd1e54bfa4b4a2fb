package io.seq4j.embeddings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class TsneTest {
    /** Three tight clusters in 20 dimensions stay apart in the plane: every point's nearest neighbour is in its own cluster. */
    @Test
    void keepsClustersApartAndWritesALabelledPng(@TempDir Path dir) throws Exception {
        Random r = new Random(4);
        int perCluster = 15;
        double[][] x = new double[3 * perCluster][20];
        List<String> labels = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < perCluster; i++) {
                for (int d = 0; d < 20; d++) x[c * perCluster + i][d] = (d == c ? 10 : 0) + r.nextGaussian() * 0.5;
                labels.add("c" + c + "_" + i);
            }
        }
        double[][] y = new Tsne(10, 500, 1).embed(x);
        for (int i = 0; i < y.length; i++) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < y.length; j++) {
                double d = Math.hypot(y[i][0] - y[j][0], y[i][1] - y[j][1]);
                if (j != i && d < bestD) {
                    bestD = d;
                    best = j;
                }
            }
            assertEquals(i / perCluster, best / perCluster, "point " + i);
        }
        assertArrayEquals(y[7], new Tsne(10, 500, 1).embed(x)[7], 0.0, "seeded: the same map twice");
        Path png = dir.resolve("out/map.png");
        ScatterPlot.write(png, "clusters", labels, y, 640, 480);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(640, img.getWidth());
        assertEquals(480, img.getHeight());
        assertThrows(IllegalArgumentException.class, () -> new Tsne(30, 10, 1).embed(new double[2][3]));
    }
}

package io.seq4j.series.video;

import io.seq4j.core.data.InputFormatException;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Real frames from disk: a clip is a directory of images (PNG, JPEG, BMP, GIF), one per frame, in
 * file-name order (name them frame0001.png, frame0002.png, ...); a labelled set is
 * {@code ROOT/LABEL/CLIP/frame*.png}. Every image becomes a grayscale frame of {@code height x width}
 * values in [0, 1] (resized with bilinear filtering), flattened row by row: the input a
 * {@link io.seq4j.series.SeriesConfig} with {@code cnn = HxWx1} reads.
 */
public final class ImageFrames {
    /** A labelled clip: its frames {@code [T][height * width]} and its label (the parent directory's name). */
    public record Clip(Path dir, String label, float[][] frames) {
    }

    private ImageFrames() {
    }

    /** The frames of one clip directory, {@code [T][height * width]}; a file that is not an image is an InputFormatException naming it. */
    public static float[][] read(Path clipDir, int height, int width) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(clipDir)) {
            files = s.filter(p -> isImage(p.getFileName().toString())).sorted().toList();
        } catch (java.nio.file.NoSuchFileException | java.nio.file.NotDirectoryException e) {
            throw new InputFormatException(clipDir.toString(), 0, "not a directory of frame images");
        }
        if (files.isEmpty()) throw new InputFormatException(clipDir.toString(), 0, "no frame images (.png, .jpg, .bmp, .gif)");
        float[][] frames = new float[files.size()][];
        for (int t = 0; t < frames.length; t++) frames[t] = gray(files.get(t), height, width);
        return frames;
    }

    /** Every clip under {@code root/LABEL/CLIP/}, labels and clips in name order. */
    public static List<Clip> readLabeled(Path root, int height, int width) throws IOException {
        if (!Files.isDirectory(root)) throw new InputFormatException(root.toString(), 0, "not a directory (expected ROOT/LABEL/CLIP/frame*.png)");
        List<Clip> out = new ArrayList<>();
        for (Path label : dirs(root)) {
            for (Path clip : dirs(label)) out.add(new Clip(clip, label.getFileName().toString(), read(clip, height, width)));
        }
        if (out.isEmpty()) throw new InputFormatException(root.toString(), 0, "no clips (expected ROOT/LABEL/CLIP/frame*.png)");
        return out;
    }

    private static List<Path> dirs(Path p) throws IOException {
        try (Stream<Path> s = Files.list(p)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static boolean isImage(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".bmp") || n.endsWith(".gif");
    }

    private static float[] gray(Path file, int height, int width) throws IOException {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new InputFormatException(file.toString(), 0, "cannot be read as an image (" + e.getMessage() + ")");
        }
        if (img == null) throw new InputFormatException(file.toString(), 0, "is not an image ImageIO can read");
        BufferedImage g = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D gr = g.createGraphics();
        gr.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        gr.drawImage(img, 0, 0, width, height, null);
        gr.dispose();
        float[] f = new float[height * width];
        var raster = g.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) f[y * width + x] = raster.getSample(x, y, 0) / 255f;
        }
        return f;
    }
}

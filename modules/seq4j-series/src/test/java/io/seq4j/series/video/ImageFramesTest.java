package io.seq4j.series.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.seq4j.core.data.InputFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

class ImageFramesTest {
    @TempDir
    Path dir;

    private void frame(Path clip, String name, int whiteX) throws Exception {
        Files.createDirectories(clip);
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        img.setRGB(whiteX, 0, 0xFFFFFF);
        ImageIO.write(img, "png", clip.resolve(name).toFile());
    }

    @Test
    void clipsAreFramesInNameOrderAsGrayscaleRowsUnderTheirLabels() throws Exception {
        Path clip = dir.resolve("right").resolve("clip1");
        frame(clip, "frame0002.png", 1);
        frame(clip, "frame0001.png", 0);
        Files.writeString(clip.resolve("notes.txt"), "ignored: not an image");
        frame(dir.resolve("left").resolve("a"), "f1.png", 3);
        float[][] f = ImageFrames.read(clip, 4, 4);
        assertEquals(2, f.length);
        float[] first = new float[16];
        first[0] = 1;
        assertArrayEquals(first, f[0]);           // frame0001: white pixel at x 0 of row 0
        assertEquals(1f, f[1][1]);
        List<ImageFrames.Clip> all = ImageFrames.readLabeled(dir, 4, 4);
        assertEquals(List.of("left", "right"), all.stream().map(ImageFrames.Clip::label).toList());
        assertEquals(1f, all.get(0).frames()[0][3]);
    }

    @Test
    void aFileThatIsNotAnImageOrAnEmptyClipIsNamed() throws Exception {
        Path clip = dir.resolve("c");
        Files.createDirectories(clip);
        assertEquals(clip + ": no frame images (.png, .jpg, .bmp, .gif)",
                assertThrows(InputFormatException.class, () -> ImageFrames.read(clip, 4, 4)).getMessage());
        Files.writeString(clip.resolve("f1.png"), "not a png");
        assertEquals(clip.resolve("f1.png") + ": is not an image ImageIO can read",
                assertThrows(InputFormatException.class, () -> ImageFrames.read(clip, 4, 4)).getMessage());
        assertEquals(dir.resolve("nope") + ": not a directory (expected ROOT/LABEL/CLIP/frame*.png)",
                assertThrows(InputFormatException.class, () -> ImageFrames.readLabeled(dir.resolve("nope"), 4, 4)).getMessage());
    }
}

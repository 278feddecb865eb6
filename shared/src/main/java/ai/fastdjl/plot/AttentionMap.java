package ai.fastdjl.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Attention weights as heat maps, one panel per example: source tokens across, output tokens down, a cell's
 * darkness its weight (every row sums to 1). The course: attention "allows easy visualisations" of what each output
 * was read from; a good model's panels show a near-diagonal band.
 */
public final class AttentionMap {
    private static final int CELL = 22;
    private static final int MARGIN = 48;

    private AttentionMap() {}

    /** One panel: {@code weights[output][source]} with its labels and a title. */
    public record Panel(String title, List<String> source, List<String> output, float[][] weights) {}

    /** Panels in a grid of {@code cols} columns, saved as PNG. */
    public static void save(List<Panel> panels, int cols, Path file) {
        int maxSrc = panels.stream().mapToInt(p -> p.source().size()).max().orElse(1);
        int maxOut = panels.stream().mapToInt(p -> p.output().size()).max().orElse(1);
        int w = MARGIN + maxSrc * CELL + 12;
        int h = MARGIN + maxOut * CELL + 12;
        int rows = (panels.size() + cols - 1) / cols;
        BufferedImage img = new BufferedImage(cols * w, Math.max(1, rows) * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int i = 0; i < panels.size(); i++) {
            draw(g, panels.get(i), (i % cols) * w, (i / cols) * h);
        }
        g.dispose();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + " (" + e.getMessage() + ")", e);
        }
    }

    private static void draw(Graphics2D g, Panel p, int x0, int y0) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(p.title(), x0 + 4, y0 + 14);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
        int gx = x0 + MARGIN - 20;
        int gy = y0 + MARGIN;
        for (int s = 0; s < p.source().size(); s++) {
            g.setColor(Color.DARK_GRAY);
            g.drawString(p.source().get(s), gx + s * CELL + 1, gy - 4);
        }
        for (int o = 0; o < p.output().size() && o < p.weights().length; o++) {
            g.setColor(Color.DARK_GRAY);
            g.drawString(p.output().get(o), x0 + 6, gy + o * CELL + CELL / 2 + 4);
            float[] row = p.weights()[o];
            // the source may carry left padding: its last source().size() positions are the tokens
            int off = row.length - p.source().size();
            for (int s = 0; s < p.source().size(); s++) {
                float v = Math.max(0, Math.min(1, row[off + s]));
                int c = Math.round(255 * (1 - v));
                g.setColor(new Color(c, c, 255));
                g.fillRect(gx + s * CELL, gy + o * CELL, CELL - 1, CELL - 1);
            }
        }
    }
}

package ai.fastdjl.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/** A confusion matrix as fastai draws it: actual classes down, predicted across, counts in blue cells. */
public final class ConfusionMatrixPlot {
    private static final int CELL = 44;
    private static final int MARGIN = 110;

    private ConfusionMatrixPlot() {}

    public static void save(int[][] cm, List<String> classes, Path file) {
        int n = cm.length;
        int size = MARGIN + n * CELL + 20;
        BufferedImage img = new BufferedImage(size, size + 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        int max = 1;
        for (int[] row : cm) {
            for (int v : row) {
                max = Math.max(max, v);
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                float t = (float) cm[i][j] / max;
                g.setColor(new Color(1 - 0.85f * t, 1 - 0.6f * t, 1 - 0.2f * t));
                g.fillRect(MARGIN + j * CELL, MARGIN + i * CELL, CELL, CELL);
                g.setColor(t > 0.5 ? Color.WHITE : Color.BLACK);
                String s = String.valueOf(cm[i][j]);
                g.drawString(s, MARGIN + j * CELL + (CELL - g.getFontMetrics().stringWidth(s)) / 2, MARGIN + i * CELL + CELL / 2 + 4);
            }
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawRect(MARGIN, MARGIN, n * CELL, n * CELL);
        g.setColor(Color.BLACK);
        for (int i = 0; i < n; i++) {
            String label = shorten(classes.get(i));
            g.drawString(label, MARGIN - 6 - g.getFontMetrics().stringWidth(label), MARGIN + i * CELL + CELL / 2 + 4);
            AffineTransform old = g.getTransform();
            g.rotate(-Math.PI / 2, MARGIN + j(i), MARGIN - 6);
            g.drawString(label, MARGIN + j(i), MARGIN - 6);
            g.setTransform(old);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString("Predicted", MARGIN + n * CELL / 2 - 30, size + 10);
        g.drawString("Actual", 6, 16);
        g.dispose();
        ImageGrid.write(img, file);
    }

    private static int j(int i) {
        return i * CELL + CELL / 2 + 4;
    }

    private static String shorten(String s) {
        return s.length() > 16 ? s.substring(0, 15) + "…" : s;
    }
}

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Draws ScaleDeck's application icon and writes it in the three forms jpackage wants:
 * {@code linux/scaledeck.png} (256 px), {@code windows/scaledeck.ico} and {@code macos/scaledeck.icns}
 * (PNG images inside, which Windows Vista+ and macOS 10.7+ read). The files are committed; run this
 * again only to change the icon:
 *
 * <pre>java -Djava.awt.headless=true packaging/DrawIcon.java packaging</pre>
 *
 * The picture: the window's navy sidebar colour with three rising bars in its accent blue and a
 * baseline, drawn as vectors at each size so the small sizes stay sharp.
 */
public final class DrawIcon {

    private static final Color NAVY_TOP = new Color(0x24, 0x32, 0x4a);
    private static final Color NAVY_BOTTOM = new Color(0x15, 0x1d, 0x2c);
    private static final Color[] BARS = {new Color(0x93, 0xc5, 0xfd), new Color(0x60, 0xa5, 0xfa),
            new Color(0x25, 0x63, 0xeb)};
    private static final double[] BAR_HEIGHTS = {0.30, 0.48, 0.66};

    private DrawIcon() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "packaging");
        ImageIO.write(draw(256), "png", dir.resolve("linux/scaledeck.png").toFile());
        Files.write(dir.resolve("windows/scaledeck.ico"), ico(16, 24, 32, 48, 64, 128, 256));
        Map<String, Integer> icns = new LinkedHashMap<>();
        icns.put("icp4", 16);
        icns.put("icp5", 32);
        icns.put("icp6", 64);
        icns.put("ic07", 128);
        icns.put("ic08", 256);
        icns.put("ic09", 512);
        icns.put("ic10", 1024);
        Files.write(dir.resolve("macos/scaledeck.icns"), icns(icns));
    }

    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double s = size;
        // A small margin, as desktop icon sets leave, so the tile does not touch its neighbours.
        double margin = s * 0.06;
        double tile = s - 2 * margin;
        g.setPaint(new GradientPaint(0, (float) margin, NAVY_TOP, 0, (float) (margin + tile), NAVY_BOTTOM));
        g.fill(new RoundRectangle2D.Double(margin, margin, tile, tile, tile * 0.44, tile * 0.44));

        double inner = tile * 0.64;
        double left = margin + (tile - inner) / 2;
        double baseline = margin + tile * 0.80;
        double gap = inner * 0.10;
        double barWidth = (inner - 2 * gap) / 3;
        for (int i = 0; i < 3; i++) {
            double height = tile * BAR_HEIGHTS[i];
            double x = left + i * (barWidth + gap);
            g.setColor(BARS[i]);
            g.fill(new RoundRectangle2D.Double(x, baseline - height, barWidth, height,
                    barWidth * 0.35, barWidth * 0.35));
        }
        g.setColor(new Color(0xe5, 0xe7, 0xeb));
        g.setStroke(new BasicStroke((float) Math.max(1, s * 0.025), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine((int) Math.round(left - gap), (int) Math.round(baseline + s * 0.035),
                (int) Math.round(left + inner + gap), (int) Math.round(baseline + s * 0.035));
        g.dispose();
        return image;
    }

    private static byte[] png(int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(draw(size), "png", out);
        return out.toByteArray();
    }

    /** ICO: a little-endian directory of entries, each pointing at a PNG image. */
    private static byte[] ico(int... sizes) throws IOException {
        byte[][] images = new byte[sizes.length][];
        int total = 6 + 16 * sizes.length;
        for (int i = 0; i < sizes.length; i++) {
            images[i] = png(sizes[i]);
            total += images[i].length;
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        int offset = 6 + 16 * sizes.length;
        for (int i = 0; i < sizes.length; i++) {
            int side = sizes[i] >= 256 ? 0 : sizes[i]; // 0 means 256 in an ICO directory
            b.put((byte) side).put((byte) side).put((byte) 0).put((byte) 0);
            b.putShort((short) 1).putShort((short) 32).putInt(images[i].length).putInt(offset);
            offset += images[i].length;
        }
        for (byte[] image : images) {
            b.put(image);
        }
        return b.array();
    }

    /** ICNS: big-endian "icns" + length, then one typed, length-prefixed PNG per size. */
    private static byte[] icns(Map<String, Integer> types) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream entries = new DataOutputStream(body);
        for (Map.Entry<String, Integer> e : types.entrySet()) {
            byte[] image = png(e.getValue());
            entries.writeBytes(e.getKey());
            entries.writeInt(8 + image.length);
            entries.write(image);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(all);
        out.writeBytes("icns");
        out.writeInt(8 + body.size());
        body.writeTo(out);
        return all.toByteArray();
    }
}

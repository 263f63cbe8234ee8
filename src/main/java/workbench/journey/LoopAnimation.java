package workbench.journey;

import java.awt.Color;
import java.awt.Font;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadataNode;
import workbench.loop.PngMetadata;
import workbench.run.RunSnapshot;

/**
 * The loop as an animated GIF that plays on any wiki: each frame a snapshot enlarged
 * {@value Filmstrip#SCALE}× with its step and combined score under it, the last held longer
 * (image done), looping for ever.
 *
 * <p>Written by the JDK's own ImageIO GIF writer (its native metadata gives the per-frame delay
 * and the NETSCAPE2.0 loop), not by a hand-written encoder: no GIF or APNG encoder is among the
 * libraries this build may fetch, and the JDK's is maintained with the platform. It also picks
 * each frame's 256-colour palette itself.
 */
public final class LoopAnimation {

  /** Each frame's time on screen, in hundredths of a second (GIF's unit). */
  public static final int DELAY_CS = 50;
  /** The last frame, image done, stays this long before the loop starts again. */
  public static final int LAST_DELAY_CS = 200;
  static final int CAPTION = 18;
  private static final Font TEXT = new Font(Font.SANS_SERIF, Font.BOLD, 11);
  private static final String FORMAT = "javax_imageio_gif_image_1.0";

  private LoopAnimation() {}

  public static byte[] gif(Journey journey) {
    if (journey.isEmpty()) {
      throw new IllegalArgumentException("run " + journey.run().id() + " kept no snapshots: there is no loop to show");
    }
    var frames = journey.frames();
    var writers = ImageIO.getImageWritersByFormatName("gif");
    if (!writers.hasNext()) {
      throw new IllegalStateException("this Java has no GIF writer");
    }
    ImageWriter writer = writers.next();
    var out = new ByteArrayOutputStream();
    try (var stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.prepareWriteSequence(null);
      for (int i = 0; i < frames.size(); i++) {
        var frame = frame(frames.get(i));
        var metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame),
            writer.getDefaultWriteParam());
        var root = (IIOMetadataNode) metadata.getAsTree(FORMAT);
        var control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(i == frames.size() - 1 ? LAST_DELAY_CS : DELAY_CS));
        control.setAttribute("transparentColorIndex", "0");
        if (i == 0) {
          // NETSCAPE2.0 with a loop count of 0: play for ever.
          var application = new IIOMetadataNode("ApplicationExtension");
          application.setAttribute("applicationID", "NETSCAPE");
          application.setAttribute("authenticationCode", "2.0");
          application.setUserObject(new byte[] {1, 0, 0});
          child(root, "ApplicationExtensions").appendChild(application);
        }
        metadata.setFromTree(FORMAT, root);
        writer.writeToSequence(new IIOImage(frame, null, metadata), null);
      }
      writer.endWriteSequence();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** A snapshot enlarged, with "step 5 · 41.2" under it. */
  static BufferedImage frame(RunSnapshot snapshot) {
    var image = PngMetadata.decode(snapshot.png());
    int size = image.getWidth() * Filmstrip.SCALE;
    var frame = new BufferedImage(size, size + CAPTION, BufferedImage.TYPE_INT_RGB);
    var g = frame.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, size, size + CAPTION);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    g.drawImage(image, 0, 0, size, size, null);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(new Color(0x22, 0x22, 0x22));
    g.setFont(TEXT);
    g.drawString("step " + snapshot.step() + " · " + Filmstrip.score(snapshot.scores().combinedScore()), 4, size + 13);
    g.dispose();
    return frame;
  }

  private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
    for (int i = 0; i < parent.getLength(); i++) {
      if (parent.item(i).getNodeName().equals(name)) {
        return (IIOMetadataNode) parent.item(i);
      }
    }
    var node = new IIOMetadataNode(name);
    parent.appendChild(node);
    return node;
  }
}

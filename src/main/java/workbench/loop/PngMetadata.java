package workbench.loop;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;

/**
 * PNG files with text chunks, byte for byte the same for the same pixels and texts.
 *
 * <p>Pixels are written by ImageIO (whose PNG writer is deterministic); the text chunks are
 * inserted before IEND by hand: {@code tEXt} for Latin-1 keys such as A1111's
 * {@code parameters}, {@code iTXt} (UTF-8) when a value needs it. Reading accepts tEXt, zTXt
 * and iTXt, so PNGs from other tools are understood too; the text of all chunks together, and
 * the time taken, are held to a {@link TextBudget} (the files come from anyone).
 */
public final class PngMetadata {

  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private PngMetadata() {}

  /** Encodes {@code image} as PNG with {@code texts} (key → value, in order) as text chunks. */
  public static byte[] write(BufferedImage image, Map<String, String> texts) {
    var png = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", png)) {
        throw new IllegalStateException("no PNG writer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] bytes = png.toByteArray();
    int iend = bytes.length - 12; // IEND is always the last 12 bytes ImageIO writes
    var out = new ByteArrayOutputStream(bytes.length + 1024);
    out.write(bytes, 0, iend);
    texts.forEach((key, value) -> writeTextChunk(out, key, value));
    out.write(bytes, iend, 12);
    return out.toByteArray();
  }

  /**
   * Every text chunk of a PNG (key → value), within {@link TextBudget#standard()}. Not a PNG →
   * {@link IllegalArgumentException}; over the budget → {@link TextBudget.Exceeded}.
   */
  public static Map<String, String> read(byte[] png) {
    return read(png, TextBudget.standard());
  }

  /** Every text chunk of a PNG (key → value); all of them together within {@code budget}. */
  public static Map<String, String> read(byte[] png, TextBudget budget) {
    if (png.length < SIGNATURE.length || !Arrays.equals(png, 0, 8, SIGNATURE, 0, 8)) {
      throw new IllegalArgumentException("not a PNG file");
    }
    var texts = new LinkedHashMap<String, String>();
    int at = 8;
    while (at + 12 <= png.length) {
      int length = readInt(png, at);
      if (length < 0 || at + 12L + length > png.length) {
        throw new IllegalArgumentException("damaged PNG: chunk at byte " + at + " runs past the end");
      }
      var type = new String(png, at + 4, 4, StandardCharsets.ISO_8859_1);
      int data = at + 8;
      budget.checkTime();
      switch (type) {
        case "tEXt" -> putText(texts, png, data, length, budget);
        case "zTXt" -> putCompressed(texts, png, data, length, budget);
        case "iTXt" -> putInternational(texts, png, data, length, budget);
        case "IEND" -> {
          return texts;
        }
        default -> {}
      }
      at = data + length + 4;
    }
    return texts;
  }

  /** Width and height from the IHDR chunk, without decoding pixels. */
  public static int[] size(byte[] png) {
    if (png.length < 24 || !Arrays.equals(png, 0, 8, SIGNATURE, 0, 8)) {
      throw new IllegalArgumentException("not a PNG file");
    }
    return new int[] {readInt(png, 16), readInt(png, 20)};
  }

  public static BufferedImage decode(byte[] png) {
    try {
      var image = ImageIO.read(new ByteArrayInputStream(png));
      if (image == null) {
        throw new IllegalArgumentException("not an image ImageIO can read");
      }
      return image;
    } catch (IOException e) {
      throw new IllegalArgumentException("damaged PNG: " + e.getMessage(), e);
    }
  }

  private static void writeTextChunk(ByteArrayOutputStream out, String key, String value) {
    boolean latin1 = StandardCharsets.ISO_8859_1.newEncoder().canEncode(value) && !value.contains("\0");
    var body = new ByteArrayOutputStream();
    body.writeBytes(key.getBytes(StandardCharsets.ISO_8859_1));
    body.write(0);
    String type;
    if (latin1) {
      type = "tEXt";
      body.writeBytes(value.getBytes(StandardCharsets.ISO_8859_1));
    } else {
      type = "iTXt";
      body.write(0); // not compressed
      body.write(0); // compression method
      body.write(0); // empty language tag
      body.write(0); // empty translated keyword
      body.writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }
    writeChunk(out, type, body.toByteArray());
  }

  private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
    var typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
    writeInt(out, data.length);
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    var crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    writeInt(out, (int) crc.getValue());
  }

  private static void putText(Map<String, String> texts, byte[] png, int data, int length, TextBudget budget) {
    int nul = indexOf(png, data, data + length);
    if (nul < 0) {
      return;
    }
    budget.spend(data + length - nul - 1);
    texts.put(latin1(png, data, nul - data), latin1(png, nul + 1, data + length - nul - 1));
  }

  private static void putCompressed(Map<String, String> texts, byte[] png, int data, int length, TextBudget budget) {
    int nul = indexOf(png, data, data + length);
    if (nul < 0 || nul + 2 > data + length) {
      return;
    }
    var inflated = inflate(png, nul + 2, data + length - nul - 2, budget);
    texts.put(latin1(png, data, nul - data), new String(inflated, StandardCharsets.ISO_8859_1));
  }

  private static void putInternational(Map<String, String> texts, byte[] png, int data, int length, TextBudget budget) {
    int end = data + length;
    int keyEnd = indexOf(png, data, end);
    if (keyEnd < 0 || keyEnd + 3 > end) {
      return;
    }
    boolean compressed = png[keyEnd + 1] != 0;
    int languageEnd = indexOf(png, keyEnd + 3, end);
    int translatedEnd = languageEnd < 0 ? -1 : indexOf(png, languageEnd + 1, end);
    if (translatedEnd < 0) {
      return;
    }
    int start = translatedEnd + 1;
    if (!compressed) {
      budget.spend(end - start);
    }
    byte[] text = compressed ? inflate(png, start, end - start, budget) : Arrays.copyOfRange(png, start, end);
    texts.put(latin1(png, data, keyEnd - data), new String(text, StandardCharsets.UTF_8));
  }

  /** Unpacks one chunk, counting every byte against the budget of all chunks together. */
  private static byte[] inflate(byte[] png, int offset, int length, TextBudget budget) {
    var inflater = new Inflater();
    inflater.setInput(png, offset, length);
    var out = new ByteArrayOutputStream();
    var buffer = new byte[8192];
    try {
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        budget.spend(n); // before the bytes are kept: the buffer never outgrows the budget
        out.write(buffer, 0, n);
      }
    } catch (DataFormatException e) {
      throw new IllegalArgumentException("damaged compressed text chunk in PNG", e);
    } finally {
      inflater.end();
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  private static String latin1(byte[] bytes, int offset, int length) {
    return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
  }

  private static int readInt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  /** For zTXt writers elsewhere; kept so the Deflater import documents the symmetric path. */
  static byte[] deflate(byte[] data) {
    var deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(data);
    deflater.finish();
    var out = new ByteArrayOutputStream();
    var buffer = new byte[8192];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }
}

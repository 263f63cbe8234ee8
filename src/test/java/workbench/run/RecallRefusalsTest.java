package workbench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.management.ThreadMXBean;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.concurrent.DelegatingSecurityContextCallable;
import workbench.DatabaseTest;
import workbench.gallery.StoredRuns;
import workbench.loop.PngMetadata;
import workbench.loop.RecallException;
import workbench.loop.RecipeFactory;

/**
 * Hostile PNGs from issue 16, sent through the recall service as an editor's upload would be:
 * each is read quickly, within its budgets, or refused with a message naming the file.
 */
class RecallRefusalsTest extends DatabaseTest {

  @Autowired RecipeRecall recall;

  @Test
  void aSettingsLineBuiltToBacktrackIsReadInLinearTime() {
    var png = PngMetadata.write(StoredRuns.picture(8, Color.RED),
        Map.of("parameters", "a red apple\nSteps: 1," + "a".repeat(1_000_000)));
    // Preemptive, so that a regression fails in 2 s instead of hanging: the call runs on another
    // thread, which is handed this test's sign-in.
    var recalled = assertTimeoutPreemptively(Duration.ofSeconds(2),
        new DelegatingSecurityContextCallable<>(() -> recall.recall("slow.png", png, form()))::call);
    assertThat(recalled.request().prompt()).isEqualTo("a red apple");
    assertThat(recalled.request().steps()).isEqualTo(1);
  }

  @Test
  void deflateBombsAreRefusedByTheirTotalNotChunkByChunk() {
    var zeros = deflate(new byte[9_900_000]);
    var png = PngMetadata.write(StoredRuns.picture(8, Color.RED), Map.of());
    var chunks = new ByteArrayOutputStream();
    for (int i = 0; i < 120; i++) {
      var body = new ByteArrayOutputStream();
      body.writeBytes(("bomb" + i).getBytes(StandardCharsets.ISO_8859_1));
      body.write(0);
      body.write(0);
      body.writeBytes(zeros);
      chunk(chunks, "zTXt", body.toByteArray());
    }
    var bombs = new ByteArrayOutputStream();
    bombs.write(png, 0, png.length - 12);
    bombs.writeBytes(chunks.toByteArray());
    bombs.write(png, png.length - 12, 12);

    var threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    assertThatThrownBy(() -> recall.recall("bombs.png", bombs.toByteArray(), form()))
        .isInstanceOf(RecallException.class)
        .hasMessage("bombs.png: its text chunks unpack to over 16.0 MB in all; the most is 16.0 MB"
            + " (setting workbench.gallery.max-text-size)");
    assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes allocated by the recall")
        .isLessThan(200L * 1024 * 1024);
  }

  @Test
  void aNegativeWidthIsADamagedHeaderNotANegativeSize() {
    var png = PngMetadata.write(StoredRuns.picture(8, Color.RED), Map.of("parameters", "a cat\nSteps: 3"));
    png[16] = (byte) 0x80; // width 2^31: read as a signed int, -2147483648
    png[17] = 0;
    png[18] = 0;
    png[19] = 0;
    var file = png;
    assertThatThrownBy(() -> recall.recall("wide.png", file, form()))
        .isInstanceOf(RecallException.class)
        .hasMessage("wide.png is not a PNG the workbench can read: its header gives the size 2147483648 × 8 pixels,"
            + " and a PNG's width and height are 1 … 2147483647")
        .message().doesNotContain("megapixels");
  }

  private static RecipeFactory.Request form() {
    return new RecipeFactory.Request("a red apple", "", 1, 5, "guided", 1);
  }

  private static byte[] deflate(byte[] data) {
    var deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(data);
    deflater.finish();
    var out = new ByteArrayOutputStream();
    var buffer = new byte[65536];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    var t = type.getBytes(StandardCharsets.ISO_8859_1);
    writeInt(out, data.length);
    out.writeBytes(t);
    out.writeBytes(data);
    var crc = new CRC32();
    crc.update(t);
    crc.update(data);
    writeInt(out, (int) crc.getValue());
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }
}

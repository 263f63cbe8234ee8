package workbench.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class PngMetadataTest {

  @Test
  void textChunksRoundTripIncludingUnicode() {
    var texts = new LinkedHashMap<String, String>();
    texts.put("parameters", "red apple:: table::0.5\nSteps: 40, Seed: 42, Size: 64x64");
    texts.put("workbench-recipe", "{\"prompt\":\"tarte aux pommes — “quoted” ✓\"}");
    var png = PngMetadata.write(SeedStatic.of(1, 16, 16), texts);

    assertThat(PngMetadata.read(png)).containsExactlyEntriesOf(texts);
    assertThat(PngMetadata.size(png)).containsExactly(16, 16);
    var decoded = PngMetadata.decode(png);
    assertThat(decoded.getRGB(3, 5)).isEqualTo(SeedStatic.of(1, 16, 16).getRGB(3, 5));
  }

  @Test
  void theSameImageAndTextsGiveTheSameBytes() {
    var a = PngMetadata.write(SeedStatic.of(9, 32, 32), Map.of("k", "v"));
    var b = PngMetadata.write(SeedStatic.of(9, 32, 32), Map.of("k", "v"));
    assertThat(a).isEqualTo(b);
  }

  @Test
  void readsCompressedTextChunksOfOtherTools() {
    // zTXt: keyword, NUL, method 0, deflated text.
    var png = PngMetadata.write(SeedStatic.of(2, 4, 4), Map.of());
    var body = new ByteArrayOutputStream();
    body.writeBytes("parameters".getBytes(StandardCharsets.ISO_8859_1));
    body.write(0);
    body.write(0);
    body.writeBytes(PngMetadata.deflate("a cat\nSteps: 20, Seed: 7".getBytes(StandardCharsets.ISO_8859_1)));
    var withZtxt = insertBeforeIend(png, "zTXt", body.toByteArray());
    assertThat(PngMetadata.read(withZtxt)).containsEntry("parameters", "a cat\nSteps: 20, Seed: 7");
  }

  @Test
  void manySmallDeflateBombsAreRefusedWithinATotalBudget() {
    // Issue 16: the cap was per chunk, so 1,076 zTXt chunks of 9.9 MB each (about 10 KB each
    // deflated) filled the heap. Here 120 of them (1.2 GB unpacked, a 1.2 MB file) must be
    // refused after unpacking a few megabytes, not all of them.
    var bomb = PngMetadata.deflate(new byte[9_900_000]);
    var png = PngMetadata.write(SeedStatic.of(2, 4, 4), Map.of());
    for (int i = 0; i < 120; i++) {
      var body = new ByteArrayOutputStream();
      body.writeBytes(("k" + i).getBytes(StandardCharsets.ISO_8859_1));
      body.write(0);
      body.write(0);
      body.writeBytes(bomb);
      png = insertBeforeIend(png, "zTXt", body.toByteArray());
    }
    assertThat(png.length).isLessThan(2_000_000);

    var threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    var file = png;
    assertThatThrownBy(() -> PngMetadata.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("text chunks unpack to over 16.0 MB in all");
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(allocated).as("bytes allocated while reading").isLessThan(200L * 1024 * 1024);
  }

  @Test
  void aReadThatRunsOutOfTimeIsRefusedAndSaysSo() {
    var png = PngMetadata.write(SeedStatic.of(1, 4, 4), Map.of("parameters", "a cat\nSteps: 20"));
    assertThat(PngMetadata.read(png, TextBudget.of(1024, Duration.ofSeconds(5)))).containsKey("parameters");
    assertThatThrownBy(() -> PngMetadata.read(png, TextBudget.of(1024, Duration.ZERO)))
        .isInstanceOfSatisfying(TextBudget.Exceeded.class, e -> assertThat(e.limit()).isEqualTo(TextBudget.Limit.TIME))
        .hasMessage("reading its text took over 0.0 s");
    assertThatThrownBy(() -> RecipeText.readParameters("a cat\nSteps: 20", TextBudget.of(1024, Duration.ZERO)))
        .isInstanceOf(TextBudget.Exceeded.class);
  }

  @Test
  void refusesWhatIsNotAPng() {
    assertThatThrownBy(() -> PngMetadata.read("GIF89a....".getBytes())).hasMessage("not a PNG file");
  }

  private static byte[] insertBeforeIend(byte[] png, String type, byte[] data) {
    var out = new ByteArrayOutputStream();
    out.write(png, 0, png.length - 12);
    var t = type.getBytes(StandardCharsets.ISO_8859_1);
    writeInt(out, data.length);
    out.writeBytes(t);
    out.writeBytes(data);
    var crc = new CRC32();
    crc.update(t);
    crc.update(data);
    writeInt(out, (int) crc.getValue());
    out.write(png, png.length - 12, 12);
    return out.toByteArray();
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }
}

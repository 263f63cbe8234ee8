package workbench.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
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
    var body = new java.io.ByteArrayOutputStream();
    body.writeBytes("parameters".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    body.write(0);
    body.write(0);
    body.writeBytes(PngMetadata.deflate("a cat\nSteps: 20, Seed: 7".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    var withZtxt = insertBeforeIend(png, "zTXt", body.toByteArray());
    assertThat(PngMetadata.read(withZtxt)).containsEntry("parameters", "a cat\nSteps: 20, Seed: 7");
  }

  @Test
  void refusesWhatIsNotAPng() {
    assertThatThrownBy(() -> PngMetadata.read("GIF89a....".getBytes())).hasMessage("not a PNG file");
  }

  private static byte[] insertBeforeIend(byte[] png, String type, byte[] data) {
    var out = new java.io.ByteArrayOutputStream();
    out.write(png, 0, png.length - 12);
    var t = type.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    writeInt(out, data.length);
    out.writeBytes(t);
    out.writeBytes(data);
    var crc = new java.util.zip.CRC32();
    crc.update(t);
    crc.update(data);
    writeInt(out, (int) crc.getValue());
    out.write(png, png.length - 12, 12);
    return out.toByteArray();
  }

  private static void writeInt(java.io.ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }
}

package workbench.library.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import workbench.library.ImportException;

/** Reads an uploaded file as UTF-8 text, refusing files over the limit or not in UTF-8. */
final class BoundedText {

  private BoundedText() {}

  static String read(InputStream in, long maxBytes, String what) {
    byte[] bytes;
    try {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    } catch (IOException e) {
      throw new ImportException("Could not read the " + what + ": " + e.getMessage(), e);
    }
    if (bytes.length > maxBytes) {
      throw new ImportException(
          "The " + what + " is larger than the import limit of " + maxBytes / 1024 + " KB"
              + " (setting workbench.library.max-import-size)");
    }
    int start = hasBom(bytes) ? 3 : 0;
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    var buffer = ByteBuffer.wrap(bytes, start, bytes.length - start);
    try {
      return decoder.decode(buffer).toString();
    } catch (MalformedInputException e) {
      throw new ImportException(
          "The " + what + " is not UTF-8 text: bad byte at offset " + buffer.position()
              + " (save it as UTF-8 and try again)");
    } catch (CharacterCodingException e) {
      throw new ImportException("The " + what + " is not UTF-8 text: " + e.getMessage());
    }
  }

  private static boolean hasBom(byte[] b) {
    return b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
  }
}

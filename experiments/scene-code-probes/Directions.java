package workbench.model;

import java.io.*;
import java.nio.file.*;

/**
 * Writes the code's main directions ({@link CodeDirections}) from a prior's bank (prior-bank.bin):
 * how the shipped code-directions.bin was made from the bank of the shipped codes, which
 * {@code train --model prior} now writes itself.
 *
 * <pre>java ... workbench.model.Directions BANK OUT [K]</pre>
 */
public class Directions {
  public static void main(String[] a) throws IOException {
    float[][] codes;
    try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(Path.of(a[0]))))) {
      int n = in.readInt();
      codes = new float[n][CodeNetwork.CODE];
      for (int i = 0; i < n; i++) {
        in.readLong();
        for (int k = 0; k < CodeNetwork.CODE; k++) {
          codes[i][k] = in.readFloat();
        }
      }
    }
    long start = System.nanoTime();
    CodeDirections.principal(codes, a.length > 2 ? Integer.parseInt(a[2]) : CodeDirections.COARSE).write(Path.of(a[1]));
    System.out.printf("%d codes, directions written in %.1f s%n", codes.length, (System.nanoTime() - start) / 1e9);
  }
}

package workbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * With the thresholds set, memory freed by native code stays in the process: a step's worth of
 * blocks allocated, written and freed again and again faults its pages in once, not every time
 * (glibc's defaults hand the freed top of the heap back to the kernel after each round).
 */
class NativeMemoryTest {

  private static final int BLOCK = 1 << 20; // the size of a batch's activations, give or take
  private static final int BLOCKS = 48; // 48 MB a round, past glibc's default trim threshold
  private static final int ROUNDS = 8;

  @Test
  void freedBlocksAreReusedWithoutFaultingThemInAgain() throws Exception {
    assumeTrue(Platform.isLinux(), "malloc tuning is for Linux");
    assertThat(NativeMemory.tune()).as("mallopt took the thresholds (glibc)").isTrue();

    // On a thread of its own, as runs are: glibc gives it an arena of its own.
    var faults = new AtomicLong(-1);
    var worker = new Thread(() -> {
      round(); // the first round faults its pages in
      long before = minorFaults();
      for (int r = 1; r < ROUNDS; r++) {
        round();
      }
      faults.set(minorFaults() - before);
    });
    worker.start();
    worker.join();
    long pagesPerRound = (long) BLOCKS * BLOCK / 4096;
    // Untuned, every later round faults all its pages in again (measured: 85,792 over 7 rounds).
    assertThat(faults.get()).as("page faults over %d more rounds", ROUNDS - 1).isBetween(0L, pagesPerRound / 2);
  }

  private static void round() {
    var blocks = new long[BLOCKS];
    for (int i = 0; i < BLOCKS; i++) {
      blocks[i] = Native.malloc(BLOCK);
      if (blocks[i] == 0) {
        throw new OutOfMemoryError("malloc(" + BLOCK + ")");
      }
      new Pointer(blocks[i]).setMemory(0, BLOCK, (byte) i);
    }
    for (long block : blocks) {
      Native.free(block);
    }
  }

  /** This process's minor page faults so far (field 10 of /proc/self/stat). */
  private static long minorFaults() {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc/self/stat"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Fields after the command name, which is in parentheses and may hold spaces.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[7]);
  }
}

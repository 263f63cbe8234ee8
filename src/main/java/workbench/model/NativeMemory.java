package workbench.model;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * glibc's malloc, set to keep the memory PyTorch frees. A guided step allocates tensors of a
 * few MB and frees them all when its scope closes; by default glibc then hands the top of its
 * heap back to the kernel (anything past a trim threshold of twice the largest block freed so
 * far), and the next step page-faults every page in again, zeroed. PyTorch's CPU tuning guides
 * swap in jemalloc or tcmalloc for this; setting glibc's own thresholds does it without a second
 * allocator. Measured on a batch of 8 grid cells: page faults down ~4×, system time from ~15% to
 * ~5% of the run. The cost is that the process keeps its largest step's working set (and up
 * to {@link #TOP_PAD} free per heap).
 *
 * <p>{@code -Dworkbench.malloc.tune=false} leaves malloc as it is (to measure the difference).
 */
public final class NativeMemory {

  private static final Logger log = LoggerFactory.getLogger(NativeMemory.class);

  /** mallopt's parameters, from glibc's malloc.h. */
  private static final int M_TRIM_THRESHOLD = -1;
  private static final int M_TOP_PAD = -2;
  private static final int M_MMAP_THRESHOLD = -3;

  /** Blocks below this come from the heap, not a fresh mmap; glibc's ceiling on 64-bit. */
  static final int MMAP_THRESHOLD = 32 << 20;
  /** Free memory kept at the top of a heap before any goes back to the kernel. */
  static final int TRIM_THRESHOLD = 512 << 20;
  /**
   * Free memory every heap keeps when it does shrink. Threads other than the first get heaps
   * of at most 64 MB, and glibc drops a whole heap once it is free, whatever the trim
   * threshold, unless this pad would be kept: without it, batches of 16 still faulted up to
   * 120,000 pages in again now and then, long after the first.
   */
  static final int TOP_PAD = 64 << 20;

  private static Boolean tuned;

  private NativeMemory() {}

  private interface C extends Library {
    int mallopt(int param, int value);
  }

  /**
   * Sets the thresholds once per process; later calls return the first answer. True when they
   * are set: false off Linux, without glibc, or when turned off.
   */
  public static synchronized boolean tune() {
    if (tuned == null) {
      tuned = apply();
    }
    return tuned;
  }

  private static boolean apply() {
    if (!Boolean.parseBoolean(System.getProperty("workbench.malloc.tune", "true")) || !Platform.isLinux()) {
      return false;
    }
    try {
      C libc = Native.load("c", C.class);
      // mallopt returns 1 on success; musl's stub returns 0 and changes nothing.
      boolean set = libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1
          && libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1
          && libc.mallopt(M_TOP_PAD, TOP_PAD) == 1;
      log.debug("malloc thresholds for PyTorch {}", set ? "set" : "not supported by this C library");
      return set;
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      log.debug("malloc thresholds left as they are: {}", e.toString());
      return false;
    }
  }
}

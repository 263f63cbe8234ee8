package workbench.model;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps oneDNN (PyTorch's CPU convolution library) at SSE4.1 kernels on AMD CPUs with AVX-512,
 * before the first convolution runs.
 *
 * <p>Why: on this project's 2-core AMD EPYC machines (Zen 5, AVX-512) oneDNN's AVX2 and AVX-512
 * kernels give different answers from run to run, now and then NaN: the same diffusion network
 * on the same inputs gave an x0 error of 0.0161, 0.0365 or NaN in three runs, and training lost
 * its weights to NaN within tens to hundreds of steps (DJL keeps a NaN gradient for ever).
 * Capped at SSE4.1 the answers were identical over repeated runs and training ran clean, at
 * about 1.3x the time of a generate and 3x that of a training step. Intel CPUs, and AMD CPUs
 * without AVX-512, are left alone.
 *
 * <p>oneDNN reads {@code ONEDNN_MAX_CPU_ISA} from the environment when it first dispatches a
 * kernel, so setting it in this process (glibc's setenv) before then is enough. A value already
 * in the environment is kept: {@code ONEDNN_MAX_CPU_ISA=ALL} turns the cap off.
 */
public final class CpuKernels {

  private static final Logger log = LoggerFactory.getLogger(CpuKernels.class);
  static final String VARIABLE = "ONEDNN_MAX_CPU_ISA";
  static final String CAP = "SSE41";

  private static String applied;

  private CpuKernels() {}

  private interface C extends Library {
    int setenv(String name, String value, int overwrite);
  }

  /** Sets the cap once per process where it is needed; returns the ISA oneDNN will use at most, or "" for no cap. */
  public static synchronized String guard() {
    if (applied == null) {
      applied = apply();
    }
    return applied;
  }

  private static String apply() {
    String set = System.getenv(VARIABLE);
    if (set != null) {
      return set;
    }
    if (!Platform.isLinux() || !needsCap(cpuInfo())) {
      return "";
    }
    try {
      Native.load("c", C.class).setenv(VARIABLE, CAP, 0);
      log.info("oneDNN capped at {} ({}={}): its AVX2/AVX-512 kernels gave unstable results on AMD CPUs with "
          + "AVX-512; set {}=ALL to lift the cap", CAP, VARIABLE, CAP, VARIABLE);
      return CAP;
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      log.warn("could not cap oneDNN's kernels ({}); results on this AMD CPU may vary: start with {}={}",
          e.toString(), VARIABLE, CAP);
      return "";
    }
  }

  /** True for an AMD CPU that has AVX-512, read from /proc/cpuinfo's text. */
  static boolean needsCap(String cpuInfo) {
    return cpuInfo.contains("AuthenticAMD") && cpuInfo.matches("(?s).*\\bavx512f\\b.*");
  }

  private static String cpuInfo() {
    try {
      return Files.readString(Path.of("/proc/cpuinfo"));
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}

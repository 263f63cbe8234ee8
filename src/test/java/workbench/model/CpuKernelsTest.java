package workbench.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CpuKernelsTest {

  @Test
  void capsOnlyAmdCpusWithAvx512() {
    String amdZen5 = "vendor_id\t: AuthenticAMD\nflags\t\t: fpu sse4_2 avx avx2 avx512f avx512dq avx512_bf16\n";
    String amdZen3 = "vendor_id\t: AuthenticAMD\nflags\t\t: fpu sse4_2 avx avx2 fma\n";
    String intel = "vendor_id\t: GenuineIntel\nflags\t\t: fpu avx avx2 avx512f avx512dq\n";
    assertThat(CpuKernels.needsCap(amdZen5)).isTrue();
    assertThat(CpuKernels.needsCap(amdZen3)).isFalse();
    assertThat(CpuKernels.needsCap(intel)).isFalse();
    assertThat(CpuKernels.needsCap("vendor_id : AuthenticAMD\nflags : avx512fx\n")).as("a word, not a prefix").isFalse();
  }

  @Test
  void theCapIsInTheEnvironmentOnTheCpusThatNeedIt() throws Exception {
    String cpu = Files.exists(Path.of("/proc/cpuinfo"))
        ? Files.readString(Path.of("/proc/cpuinfo")) : "";
    String applied = CpuKernels.guard();
    if (System.getenv(CpuKernels.VARIABLE) == null && CpuKernels.needsCap(cpu)) {
      assertThat(applied).isEqualTo(CpuKernels.CAP);
    }
    // What native code sees (glibc's getenv), not Java's copy of the environment at start-up.
    interface C extends Library {
      String getenv(String name);
    }
    if (Platform.isLinux() && !applied.isEmpty()) {
      assertThat(Native.load("c", C.class).getenv(CpuKernels.VARIABLE)).isEqualTo(applied);
    }
  }
}

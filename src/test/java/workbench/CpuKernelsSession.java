package workbench;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import workbench.model.CpuKernels;

/**
 * Applies {@link CpuKernels#guard()} before any test runs, as the application does in main:
 * tests that build a fresh network never pass through the model loader that also applies it.
 */
public class CpuKernelsSession implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    CpuKernels.guard();
  }
}

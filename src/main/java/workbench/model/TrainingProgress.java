package workbench.model;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Console progress with an ETA, and the loss curve as CSV (step,loss,accuracy,seconds). */
final class TrainingProgress implements AutoCloseable {

  private final PrintStream console;
  private final Writer csv;
  private final int steps;
  private final long start = System.nanoTime();
  private double lossSum;
  private double accuracySum;
  private int seen;

  private int firstStep = -1;

  TrainingProgress(Path csvFile, int steps, PrintStream console) {
    this(csvFile, steps, console, false);
  }

  /** {@code append}: a resumed run adds to the curve it continues (its seconds count from its own start). */
  TrainingProgress(Path csvFile, int steps, PrintStream console, boolean append) {
    this.console = console;
    this.steps = steps;
    try {
      Files.createDirectories(csvFile.toAbsolutePath().getParent());
      if (append && Files.exists(csvFile)) {
        this.csv = Files.newBufferedWriter(csvFile, StandardOpenOption.APPEND);
      } else {
        this.csv = Files.newBufferedWriter(csvFile);
        csv.write("step,loss,accuracy,seconds\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + csvFile, e);
    }
  }

  void record(int step, double loss, double accuracy, int examplesPerStep) {
    if (firstStep < 0) {
      firstStep = step - 1;
    }
    lossSum += loss;
    accuracySum += accuracy;
    seen++;
    double seconds = seconds();
    try {
      csv.write(String.format("%d,%.5f,%.4f,%.1f%n", step, loss, accuracy, seconds));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (step % 25 == 0 || step == steps) {
      int done = step - firstStep;
      double eta = seconds / done * (steps - step);
      console.printf("step %d/%d  loss %.4f  accuracy %.3f  %.0f examples/s  elapsed %s  ETA %s%n",
          step, steps, lossSum / seen, accuracySum / seen, done * examplesPerStep / seconds,
          clock(seconds), clock(eta));
      console.flush();
      lossSum = 0;
      accuracySum = 0;
      seen = 0;
    }
  }

  /** Writes the curve so far to disk (a killed run keeps it up to its last checkpoint). */
  void flush() {
    try {
      csv.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  double seconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }

  @Override
  public void close() {
    try {
      csv.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

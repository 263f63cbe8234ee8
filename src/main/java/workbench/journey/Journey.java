package workbench.journey;

import java.util.ArrayList;
import java.util.List;
import workbench.run.Run;
import workbench.run.RunSnapshot;

/**
 * A run and the snapshots it kept, in step order. Exports show at most {@link #MAX_FRAMES} of
 * them, spread evenly and always the first (the static) and the last (image done): a 200-step
 * run kept every 5 steps would otherwise make a filmstrip 5,000 pixels wide.
 */
public record Journey(Run run, List<RunSnapshot> snapshots) {

  public static final int MAX_FRAMES = 12;

  public Journey {
    snapshots = List.copyOf(snapshots);
  }

  public boolean isEmpty() {
    return snapshots.isEmpty();
  }

  /** The snapshots an export shows. */
  public List<RunSnapshot> frames() {
    int n = snapshots.size();
    if (n <= MAX_FRAMES) {
      return snapshots;
    }
    var out = new ArrayList<RunSnapshot>(MAX_FRAMES);
    for (int i = 0; i < MAX_FRAMES; i++) {
      out.add(snapshots.get((int) Math.round(i * (n - 1) / (double) (MAX_FRAMES - 1))));
    }
    return out;
  }

  /** Whether the art process kept a prediction of the final image beside each image. */
  public boolean hasPredicted() {
    return !snapshots.isEmpty() && snapshots.stream().allMatch(RunSnapshot::hasPredicted);
  }

  /** The start of the export files' names: {@code workbench-1a2b3c4d}. */
  public String fileStem() {
    return "workbench-" + run.id().toString().substring(0, 8);
  }
}

package workbench.loop;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The art processes by name. */
public final class ArtProcesses {

  private static final Map<String, ArtProcess> BY_NAME = new LinkedHashMap<>();

  static {
    for (ArtProcess p : List.of(DiffusionArtProcess.ddim(), DiffusionArtProcess.dpmSolver(), new GuidedArtProcess(),
        new EvolveArtProcess())) {
      BY_NAME.put(p.name(), p);
    }
  }

  private ArtProcesses() {}

  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  /** The names of the processes that can move a generator of this kind. */
  public static List<String> runningOn(ArtProcess.Generator kind) {
    return BY_NAME.values().stream().filter(p -> p.runsOn().contains(kind)).map(ArtProcess::name).toList();
  }

  public static ArtProcess get(String name) {
    var process = BY_NAME.get(name);
    if (process == null) {
      throw new IllegalArgumentException(
          "unknown art process '" + name + "': choose one of " + String.join(", ", BY_NAME.keySet()));
    }
    return process;
  }
}

package workbench.run;

import java.util.List;

/**
 * A model a run can use, as the model pickers show it: its id (what recipes store), a label,
 * and the art processes it runs.
 */
public record ModelChoice(String id, String label, List<String> processes) {

  public ModelChoice {
    processes = List.copyOf(processes);
  }
}

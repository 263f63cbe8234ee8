package workbench.api;

import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import workbench.grid.ExperimentDefinition;
import workbench.grid.GridService;

/**
 * Defining a grid and queuing its cells in one transaction: a grid refused at start (the
 * caller's queue has no room for it) is not left behind half made.
 */
@Service
class GridSubmission {

  private final GridService grids;

  GridSubmission(GridService grids) {
    this.grids = grids;
  }

  @Transactional
  UUID submit(ExperimentDefinition definition, boolean start) {
    var id = grids.create(definition);
    if (start) {
      grids.start(id);
    }
    return id;
  }
}

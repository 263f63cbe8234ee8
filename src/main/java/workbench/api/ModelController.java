package workbench.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import workbench.run.GenerationService;
import workbench.run.ModelChoice;

/** The models runs and grids can name: the built-in pair and those of workbench.models.dir. */
@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models", description = "What a run or a grid may name in its 'model' field")
class ModelController {

  private final GenerationService generation;

  ModelController(GenerationService generation) {
    this.generation = generation;
  }

  @GetMapping
  @Operation(summary = "List the models",
      description = "Each model's id (what 'model' takes), its label and the art processes it runs, built-in first."
          + " A folder of workbench.models.dir with a bad manifest is left out (the server log says why).")
  List<ModelChoice> models() {
    return generation.models();
  }
}

package workbench.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import workbench.loop.ArtProcesses;
import workbench.loop.RecalledRecipe;
import workbench.loop.RecipeFactory;
import workbench.run.GenerationService;
import workbench.run.RecipeRecall;

/** Recall over HTTP: the same reading of a PNG as the Generate page's drop zone. */
@RestController
@RequestMapping("/api/v1/recall")
@Tag(name = "Runs", description = RunController.TAG)
class RecallController {

  private final RecipeRecall recall;
  private final GenerationService generation;

  RecallController(RecipeRecall recall, GenerationService generation) {
    this.recall = recall;
    this.generation = generation;
  }

  @PostMapping(consumes = {"image/png", "application/octet-stream"})
  @Operation(summary = "The recipe a PNG carries",
      description = "The body is the PNG. Reads the workbench's own recipe, or what A1111, ComfyUI, InvokeAI, NovelAI"
          + " or Fooocus wrote into it; the answer can be POSTed to /api/v1/runs. What the PNG does not say is the"
          + " default (seed 0, the default steps, the first art process); notes say what was left out. A PNG that"
          + " cannot be read answers 400 naming the file and why.")
  @Refusal(value = 400, when = "Not a PNG, or one whose metadata cannot be read: the detail names the file, the tool and"
      + " what is missing")
  RecalledRecipe recall(@io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The PNG file",
      content = {@Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
          @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary"))})
      @RequestBody byte[] png, @RequestParam(defaultValue = "upload.png") String name) {
    var defaults = new RecipeFactory.Request("", "", 0, generation.limits().defaultSteps(), ArtProcesses.names().get(0), 1);
    return recall.recall(name, png, defaults);
  }
}

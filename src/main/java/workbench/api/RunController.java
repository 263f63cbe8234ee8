package workbench.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import workbench.journey.Filmstrip;
import workbench.journey.Journey;
import workbench.journey.JourneyService;
import workbench.journey.JourneySnippet;
import workbench.journey.LoopAnimation;
import workbench.library.NotFoundException;
import workbench.loop.RecipeFactory;
import workbench.loop.RecipeText;
import workbench.run.GenerationService;
import workbench.run.ImageKind;
import workbench.run.Run;
import workbench.run.RunStatus;

/**
 * Single runs: submit (checked, then queued; the answer comes at once), poll, cancel, and
 * fetch the images. A PNG is the stored file, carrying its recipe in its text chunks.
 */
@RestController
@RequestMapping("/api/v1/runs")
@Tag(name = "Runs", description = RunController.TAG)
class RunController {

  static final String TAG = "One image through generate → check → loop, and recall of the recipe a PNG carries";

  private static final String IMAGE_GIF = "image/gif";

  private final GenerationService generation;
  private final LibraryPrompts libraryPrompts;
  private final ObjectMapper json;
  private final JourneyService journeys;

  RunController(GenerationService generation, LibraryPrompts libraryPrompts, ObjectMapper json, JourneyService journeys) {
    this.generation = generation;
    this.libraryPrompts = libraryPrompts;
    this.json = json;
    this.journeys = journeys;
  }

  record RunRequest(
      @Schema(description = "The prompt; leave empty when promptId is given", example = "red apple:: table::0.5") String prompt,
      @Schema(description = "midjourney, a1111 or compel; empty: detected", example = "") String dialect,
      @Schema(description = "0 … 4294967295", example = "42") long seed,
      @Schema(description = "Loop steps; default " + RecipeFactory.DEFAULT_STEPS, example = "20") Integer steps,
      @Schema(description = "Art process: diffusion (DDIM), dpmpp-2m, guided or evolve (GET /api/v1/models"
          + " lists each model's); default: the model's first", example = "diffusion") String process,
      @Schema(description = "Image-done enlargement; default 4", example = "4") Integer upscale,
      @Schema(description = "A library prompt to run instead of 'prompt'", example = "0") long promptId,
      @Schema(description = "Its version number; 0: the latest", example = "0") int version,
      @Schema(description = "A model id from GET /api/v1/models; default the built-in Sketchbook pair",
          example = "sketchbook-v1") String model,
      @Schema(description = "A1111's negative prompt: what classifier-free guidance steers away from at every step"
          + " (diffusion processes only; others answer 400)", example = "night") String negativePrompt,
      @Schema(description = "A1111's CFG scale, 0 … 30 (diffusion processes only); default: the model's own",
          example = "3") Double cfgScale) {
    RunRequest {
      prompt = prompt == null ? "" : prompt;
      negativePrompt = negativePrompt == null ? "" : negativePrompt;
      model = model == null ? "" : model.strip();
      dialect = dialect == null ? "" : dialect;
      process = process == null ? "" : process.strip();
    }
  }

  record TermScore(String text, double weight, @Schema(description = "0–100") double score) {}

  record RunView(
      UUID id,
      @Schema(example = "RUNNING") RunStatus status,
      @Schema(description = "Steps done so far") int step,
      int steps,
      @Schema(description = "Combined score 0–100 of the starting seed image") Optional<Double> scoreInitial,
      @Schema(description = "Combined score 0–100 of the final image") Optional<Double> scoreFinal,
      List<TermScore> terms,
      @Schema(description = "Why it failed; empty otherwise") String error,
      @Schema(description = "Everything that makes the image again (the PNG carries it too)") JsonNode recipe,
      long promptVersionId,
      Instant createdAt,
      Optional<Instant> startedAt,
      Optional<Instant> finishedAt,
      @Schema(description = "Where the final PNG is once the run is DONE", example = "/api/v1/runs/…/image") String image) {}

  @PostMapping
  @Operation(summary = "Submit a run",
      description = "Checked first (a prompt error answers 400 with the column), then queued; 202 at once. Poll GET /runs/{id}."
          + " Editors only; a full queue answers 429.")
  @ApiResponse(responseCode = "202", description = "Queued; Location is the run's address")
  @Refusal(403)
  @Refusal(value = 404, when = "promptId names no prompt you may read, or version no version of it")
  @Refusal(429)
  ResponseEntity<RunView> submit(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = {
      @ExampleObject(name = "typed prompt", value = "{\"prompt\": \"red apple:: table::0.5\", \"seed\": 42, \"steps\": 20}"),
      @ExampleObject(name = "library prompt", value = "{\"promptId\": 7, \"seed\": 42}")}))
      @RequestBody RunRequest request) {
    var text = request.prompt();
    var dialect = request.dialect();
    long versionId = 0;
    if (request.promptId() > 0) {
      var version = libraryPrompts.version(request.promptId(), request.version());
      text = version.text();
      dialect = version.dialect();
      versionId = version.id();
    }
    int steps = request.steps() == null ? generation.limits().defaultSteps() : request.steps();
    int upscale = request.upscale() == null ? 4 : request.upscale();
    var id = generation.submit(new RecipeFactory.Request(text, dialect, request.seed(), steps, request.process(), upscale,
            request.model(), request.negativePrompt(), request.cfgScale()),
        versionId);
    return ResponseEntity.accepted().location(URI.create("/api/v1/runs/" + id)).body(view(find(id)));
  }

  @GetMapping("/{id}")
  @Operation(summary = "A run's status, scores and recipe")
  @Refusal(404)
  RunView run(@PathVariable UUID id) {
    return view(find(id));
  }

  @PostMapping("/{id}/cancel")
  @Operation(summary = "Cancel a run", description = "A queued run stops at once, a running one at its next step."
      + " A finished run stays as it is.")
  @Refusal(value = 403, when = "Viewers cancel nothing; editors cancel only their own runs")
  @Refusal(404)
  RunView cancel(@PathVariable UUID id) {
    find(id);
    generation.cancel(id);
    return view(find(id));
  }

  @GetMapping(value = "/{id}/image", produces = MediaType.IMAGE_PNG_VALUE)
  @Operation(summary = "A run's image as PNG",
      description = "final (post-processed, the default), raw (the loop's output) or static (the starting seed image)."
          + " The PNG carries its recipe in text chunks. 409 while the run has not made it yet.")
  @ApiResponse(responseCode = "200", description = "The PNG",
      content = @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")))
  @Refusal(value = 404, when = "No such run, or the run ended without this image (failed or cancelled)")
  @Refusal(value = 409, when = "The run is queued or running: its images come when it is DONE")
  ResponseEntity<byte[]> image(@PathVariable UUID id, @RequestParam(defaultValue = "final") String kind) {
    ImageKind imageKind;
    try {
      imageKind = ImageKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Unknown image kind '" + kind + "': final, raw or static");
    }
    var run = find(id);
    var png = generation.image(id, imageKind);
    if (png.isEmpty()) {
      if (!run.status().finished()) {
        throw new RunNotFinishedException("Run " + id + " is " + run.status() + ": its images come when it is DONE");
      }
      throw new NotFoundException("the " + kind + " image of run " + id);
    }
    return ResponseEntity.ok()
        .contentType(MediaType.IMAGE_PNG)
        .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + id + "-" + kind + ".png\"")
        .body(png.get());
  }

  record SnapshotView(
      @Schema(description = "The loop step: 0 is the starting seed image") int step,
      @Schema(description = "Combined score 0–100 at that step") double score,
      @Schema(description = "Each term's score 0–100 at that step") List<TermScore> terms,
      @Schema(description = "The image at that step, a small PNG", example = "/api/v1/runs/…/snapshots/5") String image,
      @Schema(description = "The art process's prediction of the final image at that step (diffusion); absent otherwise",
          example = "/api/v1/runs/…/snapshots/5?kind=predicted") Optional<String> predicted) {}

  @GetMapping("/{id}/snapshots")
  @Operation(summary = "A run's journey: its image every few steps",
      description = "Step 0 (the static), every workbench.snapshots.every steps, and the last step, with each term's"
          + " score then. A running run lists those kept so far; a run made before snapshots were kept lists none.")
  @ApiResponse(responseCode = "200", description = "The snapshots, by step")
  @Refusal(value = 404, when = "No such run, or not one you may see")
  List<SnapshotView> snapshots(@PathVariable UUID id) {
    find(id);
    var base = "/api/v1/runs/" + id + "/snapshots/";
    return generation.snapshots(id).stream()
        .map(s -> new SnapshotView(s.step(), s.scores().combinedScore(),
            s.scores().terms().stream().map(t -> new TermScore(t.text(), t.weight(), t.score())).toList(),
            base + s.step(), s.hasPredicted() ? Optional.of(base + s.step() + "?kind=predicted") : Optional.empty()))
        .toList();
  }

  @GetMapping(value = "/{id}/snapshots/{step}", produces = MediaType.IMAGE_PNG_VALUE)
  @Operation(summary = "One snapshot as PNG",
      description = "kind=image (the default): the image at that step; kind=predicted: the art process's prediction of"
          + " the final image then (diffusion only). At model size, without text chunks: the filmstrip carries the recipe.")
  @ApiResponse(responseCode = "200", description = "The PNG, without text chunks",
      content = @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")))
  @Refusal(value = 400, when = "An unknown kind (image or predicted), or an id or step that is not one")
  @Refusal(value = 404, when = "No such run, or no snapshot of that kind at that step")
  ResponseEntity<byte[]> snapshot(@PathVariable UUID id, @PathVariable int step,
      @RequestParam(defaultValue = "image") String kind) {
    boolean predicted = switch (kind.strip().toLowerCase(Locale.ROOT)) {
      case "image" -> false;
      case "predicted" -> true;
      default -> throw new IllegalArgumentException("Unknown snapshot kind '" + kind + "': image or predicted");
    };
    find(id);
    var snapshot = generation.snapshots(id).stream().filter(s -> s.step() == step).findFirst()
        .orElseThrow(() -> new NotFoundException("a snapshot of run " + id + " at step " + step));
    if (predicted && !snapshot.hasPredicted()) {
      throw new NotFoundException("a predicted image of run " + id + " at step " + step
          + " (its art process, " + find(id).recipe().process() + ", predicts none)");
    }
    return file(predicted ? snapshot.predictedPng() : snapshot.png(), MediaType.IMAGE_PNG_VALUE,
        id + "-step-" + step + (predicted ? "-predicted" : "") + ".png");
  }

  @GetMapping(value = "/{id}/filmstrip", produces = MediaType.IMAGE_PNG_VALUE)
  @Operation(summary = "The run's loop as one labelled PNG",
      description = "Its snapshots left to right (at most 12, first and last always), each with its step and combined"
          + " score; terms=true adds each term's score. Carries the recipe in its text chunks, as the run's images do.")
  @ApiResponse(responseCode = "200", description = "The filmstrip, carrying the recipe",
      content = @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")))
  @Refusal(value = 404, when = "No such run, or it kept no snapshots")
  @Refusal(value = 409, when = "The run is queued: nothing kept yet")
  ResponseEntity<byte[]> filmstrip(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean terms) {
    var journey = journey(id);
    return file(Filmstrip.png(journey, terms), MediaType.IMAGE_PNG_VALUE, JourneySnippet.filmstripFile(journey));
  }

  @GetMapping(value = "/{id}/animation", produces = IMAGE_GIF)
  @Operation(summary = "The run's loop as an animated GIF",
      description = "One frame per snapshot (at most 12) with its step and score, " + LoopAnimation.DELAY_CS * 10
          + " ms each, the last (image done) " + LoopAnimation.LAST_DELAY_CS * 10 + " ms; loops for ever.")
  @ApiResponse(responseCode = "200", description = "The animation",
      content = @Content(mediaType = IMAGE_GIF, schema = @Schema(type = "string", format = "binary")))
  @Refusal(value = 404, when = "No such run, or it kept no snapshots")
  @Refusal(value = 409, when = "The run is queued: nothing kept yet")
  ResponseEntity<byte[]> animation(@PathVariable UUID id) {
    var journey = journey(id);
    return file(LoopAnimation.gif(journey), IMAGE_GIF, JourneySnippet.animationFile(journey));
  }

  private Journey journey(UUID id) {
    var journey = journeys.journey(id).orElseThrow(() -> new NotFoundException("run " + id));
    if (journey.isEmpty()) {
      if (journey.run().status() == RunStatus.QUEUED) {
        throw new RunNotFinishedException("Run " + id + " is QUEUED: its loop is kept as it runs");
      }
      throw new NotFoundException("a snapshot of run " + id + " (it ran before snapshots were kept)");
    }
    return journey;
  }

  private static ResponseEntity<byte[]> file(byte[] bytes, String mediaType, String name) {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(mediaType))
        .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + name + "\"")
        .body(bytes);
  }

  private Run find(UUID id) {
    return generation.run(id).orElseThrow(() -> new NotFoundException("run " + id));
  }

  private RunView view(Run run) {
    JsonNode recipe;
    try {
      recipe = json.readTree(RecipeText.json(run.recipe()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a recipe always writes as JSON", e);
    }
    return new RunView(run.id(), run.status(), run.step(), run.steps(), run.scoreInitial(), run.scoreFinal(),
        run.terms().stream().map(t -> new TermScore(t.text(), t.weight(), t.score())).toList(), run.error(), recipe,
        run.promptVersionId(), run.createdAt(), run.startedAt(), run.finishedAt(), "/api/v1/runs/" + run.id() + "/image");
  }
}

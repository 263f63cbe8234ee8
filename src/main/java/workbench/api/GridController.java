package workbench.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import workbench.grid.ExperimentDefinition.Axis;
import workbench.grid.ExperimentDefinition;
import workbench.grid.ExperimentResult;
import workbench.grid.GridService;
import workbench.grid.GridStatistics;
import workbench.grid.InvalidExperimentException;
import workbench.grid.PairedComparison;
import workbench.grid.export.GridTables;
import workbench.library.NotFoundException;
import workbench.loop.RecipeFactory;
import workbench.run.RunStatus;

/**
 * A/B seed grids: submit (checked whole, then every cell queued; the answer comes at once),
 * poll, read the results with their statistics, and download the exports.
 */
@RestController
@RequestMapping("/api/v1/grids")
@Tag(name = "Grids", description = "A/B seed grids: prompt variants on the same seeds")
class GridController {

  private final GridService grids;
  private final GridSubmission submission;
  private final LibraryPrompts libraryPrompts;

  GridController(GridService grids, GridSubmission submission, LibraryPrompts libraryPrompts) {
    this.grids = grids;
    this.submission = submission;
    this.libraryPrompts = libraryPrompts;
  }

  record VariantRequest(
      @Schema(example = "A") String label,
      @Schema(description = "The row's prompt; leave empty when promptId is given", example = "a hand with five fingers")
      String prompt,
      @Schema(description = "midjourney, a1111 or compel; empty: detected", example = "") String dialect,
      @Schema(description = "A library prompt for this row instead of 'prompt'", example = "0") long promptId,
      @Schema(description = "Its version number; 0: the latest", example = "0") int version) {
    VariantRequest {
      label = label == null ? "" : label;
      prompt = prompt == null ? "" : prompt;
      dialect = dialect == null ? "" : dialect;
    }
  }

  record AxisRequest(
      @Schema(description = "none, steps, process, weight, when (the when of every A1111 prompt-editing construct)"
          + " or cfg (the CFG scale, diffusion processes only)",
          example = "weight") String kind,
      @Schema(description = "For a weight axis: the term whose weight is swept", example = "hand") String term,
      @Schema(description = "2–6 step counts, process names, weights, whens (a fraction of the steps"
          + " such as 0.25, or a step number such as 3) or CFG scales (0 … 30)", example = "[\"0.5\", \"1\", \"2\"]") List<String> values) {
    AxisRequest {
      kind = kind == null || kind.isBlank() ? "none" : kind;
      term = term == null ? "" : term;
      values = values == null ? List.of() : List.copyOf(values);
    }
  }

  record GridRequest(
      @Schema(example = "Five fingers: weight the count?") String title,
      @Schema(example = "") String notes,
      @Schema(description = "2–8 rows; the first is the baseline") List<VariantRequest> variants,
      @Schema(description = "The seeds every row runs on (columns)", example = "[42, 43]") List<Long> seeds,
      @Schema(description = "Extra terms scored on every cell", example = "[\"hand\"]") List<String> probes,
      @Schema(description = "An optional third axis") AxisRequest axis,
      @Schema(description = "Loop steps; default " + RecipeFactory.DEFAULT_STEPS, example = "20") Integer steps,
      @Schema(description = "diffusion, dpmpp-2m, guided or evolve; default: the model's first", example = "diffusion") String process,
      @Schema(description = "Image-done enlargement; default 2", example = "2") Integer upscale,
      @Schema(description = "Queue the cells now (default); false only stores the definition", example = "true") Boolean start,
      @Schema(description = "A model id from GET /api/v1/models; default the built-in Sketchbook pair",
          example = "sketchbook-v1") String model,
      @Schema(description = "A1111's negative prompt for every cell (diffusion processes only)", example = "night")
      String negativePrompt,
      @Schema(description = "A1111's CFG scale for every cell, 0 … 30 (diffusion processes only); default: the model's"
          + " own", example = "3") Double cfgScale) {
    GridRequest {
      negativePrompt = negativePrompt == null ? "" : negativePrompt;
      title = title == null ? "" : title;
      notes = notes == null ? "" : notes;
      variants = variants == null ? List.of() : List.copyOf(variants);
      seeds = seeds == null ? List.of() : List.copyOf(seeds);
      probes = probes == null ? List.of() : List.copyOf(probes);
      axis = axis == null ? new AxisRequest("none", "", List.of()) : axis;
      process = process == null ? "" : process.strip();
    }
  }

  record GridStatus(
      UUID id,
      String title,
      @Schema(description = "All cells: rows × seeds × third-axis values") int cells,
      int queued,
      int running,
      int done,
      int failed,
      int cancelled,
      @Schema(description = "Every cell has been queued and none is queued or running any more") boolean finished,
      @Schema(example = "/api/v1/grids/…/results") String results) {}

  record Cell(
      int row,
      int seedIndex,
      int axisIndex,
      long seed,
      Optional<UUID> runId,
      Optional<RunStatus> status,
      @Schema(description = "Combined score 0–100 once done") Optional<Double> combined,
      @Schema(description = "Score 0–100 of every measured term") Map<String, Double> termScores,
      @Schema(description = "The cell's final PNG, once done") Optional<String> image) {}

  /** A row's scores (0–100) over its seeds: the combined score and each measured term's. */
  record RowSummary(int row, int axisIndex, ScoreSummary combined,
      @Schema(description = "Per measured term") Map<String, ScoreSummary> terms) {}

  /** Mean and sample standard deviation of scores (0–100); sd is 0 for one score. */
  record ScoreSummary(double mean, double sd, @Schema(description = "How many scores") int n) {

    static ScoreSummary of(GridStatistics.Summary s) {
      return new ScoreSummary(s.mean(), s.sd(), s.n());
    }
  }

  record Comparison(String baseline, String variant, String what, int seeds, int wins, int losses, int ties,
      double meanDifference, double ci95Low, double ci95High, double signTestP, double wilcoxonP,
      @Schema(description = "The verdict in plain words") String verdict) {}

  record GridResults(
      UUID id,
      ExperimentDefinition definition,
      String owner,
      boolean finished,
      int done,
      @Schema(description = "Every measured term: the rows' own terms, then the probes") List<String> terms,
      List<Cell> cells,
      @Schema(description = "Rows with at least one finished cell") List<RowSummary> summaries,
      List<Comparison> comparisons) {}

  @PostMapping
  @Operation(summary = "Submit a grid",
      description = "The whole grid is checked first (a row's prompt error answers 400 with the column; too many cells or"
          + " pixels 413; no room in your queue 429) and nothing is stored when it is refused. Then every cell is queued;"
          + " 202 at once. Poll GET /grids/{id}. Editors only.")
  @ApiResponse(responseCode = "202", description = "Stored and queued; Location is the grid's address")
  @Refusal(403)
  @Refusal(value = 404, when = "A row's promptId names no prompt you may read, or version no version of it")
  @Refusal(value = 413, when = "Too many cells or pixels (workbench.grid.max-cells, workbench.grid.max-pixels)")
  @Refusal(429)
  ResponseEntity<GridStatus> submit(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = {
      @ExampleObject(name = "2×2", value = """
          {"title": "Five fingers", "variants": [{"label": "A", "prompt": "a hand with five fingers"},
           {"label": "B", "prompt": "a hand:: five fingers::2"}], "seeds": [42, 43], "probes": ["hand"],
           "steps": 20, "process": "diffusion", "upscale": 2}"""),
      @ExampleObject(name = "library rows and a weight axis", value = """
          {"title": "Table weight", "variants": [{"label": "base", "promptId": 7}, {"label": "table", "promptId": 8}],
           "seeds": [1, 2, 3], "axis": {"kind": "weight", "term": "table", "values": ["0.5", "2"]}, "steps": 10}"""),
      @ExampleObject(name = "a when axis over A1111 prompt editing", value = """
          {"title": "When the lake comes", "variants": [{"label": "mountain", "prompt": "a mountain", "dialect": "a1111"},
           {"label": "edited", "prompt": "a [mountain:lake:0.5]", "dialect": "a1111"}], "seeds": [1, 2],
           "axis": {"kind": "when", "values": ["0.25", "0.5", "0.75"]}, "steps": 8, "process": "guided"}""")}))
      @RequestBody GridRequest request) {
    var id = submission.submit(definition(request), request.start() == null || request.start());
    return ResponseEntity.accepted().location(URI.create("/api/v1/grids/" + id)).body(status(id));
  }

  @GetMapping("/{id}")
  @Operation(summary = "A grid's progress", description = "Counts of cells by state; cheap to poll.")
  @Refusal(404)
  GridStatus grid(@PathVariable UUID id) {
    return status(id);
  }

  @PostMapping("/{id}/start")
  @Operation(summary = "Start or resume a grid", description = "Queues every cell without a finished image; finished cells are kept.")
  @Refusal(value = 403, when = "Viewers start nothing; editors start only their own grids")
  @Refusal(404)
  @Refusal(429)
  GridStatus start(@PathVariable UUID id) {
    grids.start(id);
    return status(id);
  }

  @PostMapping("/{id}/cancel")
  @Operation(summary = "Cancel a grid's queued and running cells", description = "Finished cells stay.")
  @Refusal(value = 403, when = "Viewers cancel nothing; editors cancel only their own grids")
  @Refusal(404)
  GridStatus cancel(@PathVariable UUID id) {
    grids.cancel(id);
    return status(id);
  }

  @GetMapping("/{id}/results")
  @Operation(summary = "A grid's results",
      description = "Every cell's scores (0–100, per term and combined), mean ± sd per row, and the paired comparisons"
          + " against the baseline row with their verdicts. Cells still running have no scores yet.")
  @Refusal(404)
  GridResults results(@PathVariable UUID id) {
    var result = grids.result(id);
    var cells = result.cells().stream().map(GridController::cell).toList();
    var summaries = result.summaries().stream()
        .map(s -> new RowSummary(s.row(), s.axisIndex(), ScoreSummary.of(s.combined()), terms(s.terms()))).toList();
    var comparisons = result.comparisons().stream().map(GridController::comparison).toList();
    var e = result.experiment();
    return new GridResults(e.id(), e.definition(), e.owner(), result.finished(), result.done(), result.terms(), cells,
        summaries, comparisons);
  }

  /** The grid's exports, as on its page. */
  enum Export {
    WIKITEXT("text/plain;charset=UTF-8", "wikitext"),
    MARKDOWN("text/markdown;charset=UTF-8", "md"),
    JSON("application/json", "json"),
    CONTACT_SHEET("image/png", "png"),
    ZIP("application/zip", "zip");

    final String type;
    final String extension;

    Export(String type, String extension) {
      this.type = type;
      this.extension = extension;
    }

    static Export of(String name) {
      try {
        return valueOf(name.strip().replace('-', '_').toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Unknown export '" + name + "': wikitext, markdown, json, contact-sheet or zip");
      }
    }
  }

  @GetMapping("/{id}/exports/{format}")
  @Operation(summary = "Download an export",
      description = "wikitext (MediaWiki table), markdown, json (the grid with its results, re-importable), contact-sheet"
          + " (labelled PNG) or zip (every cell PNG with its recipe, the contact sheet, wikitext, Markdown and JSON).")
  @ApiResponse(responseCode = "200", description = "The file, as an attachment; its type is the format's", content = {
      @Content(mediaType = "text/plain", schema = @Schema(type = "string", description = "wikitext")),
      @Content(mediaType = "text/markdown", schema = @Schema(type = "string", description = "markdown")),
      @Content(mediaType = "application/json", schema = @Schema(type = "object", description = "json: the grid and its results")),
      @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary", description = "contact-sheet")),
      @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary", description = "zip"))})
  @Refusal(value = 400, when = "An unknown format, or an id that is not a UUID")
  @Refusal(404)
  ResponseEntity<byte[]> export(@PathVariable UUID id, @PathVariable String format,
      @io.swagger.v3.oas.annotations.Parameter(description = "zip only: also each done cell's filmstrip, its loop from"
          + " static to image done, beside its image (…-r1-s7-filmstrip.png)")
      @RequestParam(defaultValue = "false") boolean filmstrips) {
    var export = Export.of(format);
    var experiment = grids.find(id).orElseThrow(() -> new NotFoundException("grid " + id));
    byte[] body = switch (export) {
      case WIKITEXT -> grids.wikitext(id).getBytes(StandardCharsets.UTF_8);
      case MARKDOWN -> grids.markdown(id).getBytes(StandardCharsets.UTF_8);
      case JSON -> grids.json(id).getBytes(StandardCharsets.UTF_8);
      case CONTACT_SHEET -> grids.contactSheet(id);
      case ZIP -> grids.zip(id, filmstrips);
    };
    var slug = GridTables.slug(experiment.definition());
    var name = export == Export.CONTACT_SHEET ? slug + "-contact-sheet.png" : slug + "." + export.extension;
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(export.type))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
        .body(body);
  }

  private ExperimentDefinition definition(GridRequest request) {
    var variants = request.variants().stream().map(this::variant).toList();
    Axis.Kind kind;
    try {
      kind = Axis.Kind.valueOf(request.axis().kind().strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidExperimentException("axis",
          "Unknown axis kind '" + request.axis().kind() + "': none, steps, process, weight, when or cfg");
    }
    var axis = kind == Axis.Kind.NONE ? Axis.none() : new Axis(kind, request.axis().term(), request.axis().values());
    int steps = request.steps() == null ? RecipeFactory.DEFAULT_STEPS : request.steps();
    int upscale = request.upscale() == null ? 2 : request.upscale();
    return new ExperimentDefinition(request.title(), request.notes(), variants, request.seeds(), request.probes(), axis,
        steps, request.process(), upscale, request.model(), request.negativePrompt(), request.cfgScale());
  }

  private ExperimentDefinition.Variant variant(VariantRequest v) {
    if (v.promptId() > 0) {
      var version = libraryPrompts.version(v.promptId(), v.version());
      return new ExperimentDefinition.Variant(v.label(), version.text(), version.dialect(), version.id());
    }
    return new ExperimentDefinition.Variant(v.label(), v.prompt(), v.dialect(), 0);
  }

  private GridStatus status(UUID id) {
    var experiment = grids.find(id).orElseThrow(() -> new NotFoundException("grid " + id));
    var counts = grids.progress(id);
    int cells = experiment.definition().cells();
    int queued = counts.get(RunStatus.QUEUED);
    int running = counts.get(RunStatus.RUNNING);
    int started = counts.values().stream().mapToInt(Integer::intValue).sum();
    return new GridStatus(id, experiment.definition().title(), cells, queued, running, counts.get(RunStatus.DONE),
        counts.get(RunStatus.FAILED), counts.get(RunStatus.CANCELLED), started == cells && queued + running == 0,
        "/api/v1/grids/" + id + "/results");
  }

  private static Map<String, ScoreSummary> terms(Map<String, GridStatistics.Summary> terms) {
    var out = new LinkedHashMap<String, ScoreSummary>();
    terms.forEach((term, s) -> out.put(term, ScoreSummary.of(s)));
    return out;
  }

  private static Cell cell(ExperimentResult.Cell c) {
    return new Cell(c.row(), c.seedIndex(), c.axisIndex(), c.seed(), c.runId(), c.status(), c.combined(), c.termScores(),
        c.done() ? c.runId().map(run -> "/api/v1/runs/" + run + "/image") : Optional.empty());
  }

  private static Comparison comparison(PairedComparison p) {
    return new Comparison(p.baseline(), p.variant(), p.what(), p.seeds(), p.wins(), p.losses(), p.ties(),
        p.meanDifference(), p.ci95Low(), p.ci95High(), p.signTestP(), p.wilcoxonP(), p.verdict());
  }
}

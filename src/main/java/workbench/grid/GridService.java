package workbench.grid;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import workbench.account.AuditLog;
import workbench.account.CurrentUser;
import workbench.account.FreeText;
import workbench.account.Visibility;
import workbench.grid.export.ContactSheet;
import workbench.grid.export.ExperimentJson;
import workbench.grid.export.GridTables;
import workbench.grid.export.MarkdownExport;
import workbench.grid.export.WikitextExport;
import workbench.loop.InvalidRecipeException;
import workbench.loop.PngMetadata;
import workbench.loop.RecipeFactory;
import workbench.loop.TermScores;
import workbench.run.GenerationService;
import workbench.run.ImageKind;
import workbench.run.ModelChoice;
import workbench.run.RunStatus;

/**
 * A/B seed grids: define (checked before anything runs), start or resume (cells go to the
 * queue in batches), cancel, and read the results with their statistics.
 *
 * <p>Viewers read, editors create and run; only a grid's owner or an admin runs, cancels,
 * edits or shares it. A grid the caller may not read does not exist for them.
 */
@Service
@PreAuthorize("hasRole('VIEWER')")
public class GridService {

  private final GridStore store;
  private final GenerationService generation;
  private final GridSettings settings;
  private final GridValidation validation;
  /**
   * Probe scores of finished runs, by run and term list: bounded, least recently used out
   * (Caffeine, as the sign-in throttle uses; Spring's {@code @Cacheable} answers one key per
   * call, and a grid asks for many runs at once).
   */
  private final Cache<String, double[]> similarityCache =
      Caffeine.newBuilder().maximumSize(20_000).build();

  private final CurrentUser currentUser;
  private final AuditLog audit;
  /** Looked up when exporting: the features that add sections depend on this service. */
  private final ObjectProvider<GridExportSection> sections;

  GridService(GridStore store, GenerationService generation, GridSettings settings, CurrentUser currentUser, AuditLog audit,
      ObjectProvider<GridExportSection> sections) {
    this.sections = sections;
    this.store = store;
    this.generation = generation;
    this.settings = settings;
    this.validation = new GridValidation(generation, settings);
    this.currentUser = currentUser;
    this.audit = audit;
  }

  /** The models a grid can run on (built-in first), for the grid form's picker. */
  public List<ModelChoice> models() {
    return generation.models();
  }

  /** Stores a checked definition, owned by the caller and private; nothing runs until {@link #start}. */
  @Transactional
  @PreAuthorize("hasRole('EDITOR')")
  public UUID create(ExperimentDefinition definition) {
    validation.check(definition);
    var id = UUID.randomUUID();
    store.insert(id, definition, currentUser.ownerIdForNew(), Visibility.PRIVATE);
    audit.record("experiment.create", "experiment", id, definition.title() + ", " + definition.cells() + " cells");
    return id;
  }

  /**
   * Who besides the owner and admins may read the grid: nobody, the named users, everyone
   * signed in, or ({@code PUBLIC}) anyone with the permalink.
   */
  @Transactional
  @PreAuthorize("hasRole('EDITOR')")
  public Experiment share(UUID id, Visibility visibility, List<String> usernames) {
    var experiment = changeable(id);
    var ids = visibility == Visibility.SHARED ? currentUser.idsOf(usernames) : Set.<Long>of();
    store.share(id, visibility, ids);
    audit.record("experiment.share", "experiment", id, experiment.definition().title() + ": " + visibility
        + (ids.isEmpty() ? "" : " with " + String.join(", ", currentUser.usernamesOf(ids))));
    return experiment(id);
  }

  /**
   * Queues every cell that has no finished image yet: the first start, or a resume after a
   * cancel or a failure. Finished cells are kept. Returns how many cells were queued.
   */
  @Transactional
  @PreAuthorize("hasRole('EDITOR')")
  public int start(UUID id) {
    var experiment = changeable(id);
    var d = experiment.definition();
    var kept = new HashSet<String>();
    for (var cell : store.cells(id)) {
      if (cell.status() == RunStatus.DONE || !cell.status().finished()) {
        kept.add(key(cell.row(), cell.seedIndex(), cell.axisIndex()));
      }
    }
    checkQueueRoom(d, kept);
    int queued = 0;
    for (int a = 0; a < d.axis().size(); a++) {
      var places = new ArrayList<int[]>();
      var requests = new ArrayList<RecipeFactory.Request>();
      var versions = new ArrayList<Long>();
      for (int r = 0; r < d.variants().size(); r++) {
        for (int s = 0; s < d.seeds().size(); s++) {
          if (kept.contains(key(r, s, a))) {
            continue;
          }
          places.add(new int[] {r, s, a});
          requests.add(GridValidation.request(d, r, s, a));
          versions.add(d.variants().get(r).promptVersionId());
        }
      }
      for (int from = 0; from < requests.size(); from += settings.batchSize()) {
        int to = Math.min(requests.size(), from + settings.batchSize());
        var ids = generation.submitBatch(requests.subList(from, to), versions.subList(from, to));
        for (int i = from; i < to; i++) {
          var p = places.get(i);
          store.cellRun(id, p[0], p[1], p[2], ids.get(i - from));
        }
        queued += to - from;
      }
    }
    audit.record("experiment.run", "experiment", id, experiment.definition().title() + ": " + queued + " cells queued");
    return queued;
  }

  /** The whole grid must fit in the caller's queue: half a grid compares nothing. */
  private void checkQueueRoom(ExperimentDefinition d, Set<String> kept) {
    int jobs = 0;
    for (int a = 0; a < d.axis().size(); a++) {
      int cells = 0;
      for (int r = 0; r < d.variants().size(); r++) {
        for (int s = 0; s < d.seeds().size(); s++) {
          cells += kept.contains(key(r, s, a)) ? 0 : 1;
        }
      }
      jobs += (cells + settings.batchSize() - 1) / settings.batchSize();
    }
    if (jobs == 0) {
      return;
    }
    try {
      generation.checkQueueRoom(jobs);
    } catch (InvalidRecipeException e) {
      throw new InvalidExperimentException("queue", e.getMessage() + " A grid's cells go in jobs of "
          + settings.batchSize() + " (setting workbench.grid.batch-size).");
    }
  }

  /** Stops the cells still queued or running; finished cells stay. */
  @PreAuthorize("hasRole('EDITOR')")
  public int cancel(UUID id) {
    changeable(id);
    int cancelled = 0;
    for (var cell : store.cells(id)) {
      if (!cell.status().finished() && generation.cancel(cell.runId())) {
        cancelled++;
      }
    }
    return cancelled;
  }

  @Transactional
  @PreAuthorize("hasRole('EDITOR')")
  public void saveNotes(UUID id, String notes) {
    var experiment = changeable(id);
    GridValidation.text("notes", "Notes", notes, FreeText.NOTES);
    store.notes(id, notes);
    audit.record("experiment.edit", "experiment", id, experiment.definition().title() + ": notes");
  }

  /** The experiment if the caller may read it. */
  public Optional<Experiment> find(UUID id) {
    return store.find(id).flatMap(this::withAccess);
  }

  public List<Experiment> search(String query) {
    return store.search(query, 200, currentUser.id(), currentUser.admin()).stream()
        .flatMap(e -> withAccess(e).stream()).toList();
  }

  /** Whether user {@code userId} may read the grid (invited reviewers must); false for a grid the caller cannot read. */
  public boolean readableBy(UUID id, long userId) {
    return find(id).isPresent() && store.access(id)
        .filter(a -> currentUser.canReadAs(userId, a.ownerId(), a.visibility(), a.sharedWith())).isPresent();
  }

  /**
   * The read-only permalink: the results of a grid the caller may read, which for a
   * {@code PUBLIC} grid includes visitors who have not signed in.
   */
  @PreAuthorize("permitAll()")
  public Optional<ExperimentResult> permalink(UUID id) {
    return find(id).map(e -> result(id));
  }

  /**
   * How many of the grid's queued cells are in each state, without scoring anything: cheap
   * enough to poll. Cells never queued are not counted.
   */
  public Map<RunStatus, Integer> progress(UUID id) {
    experiment(id);
    var counts = new EnumMap<RunStatus, Integer>(RunStatus.class);
    for (var status : RunStatus.values()) {
      counts.put(status, 0);
    }
    for (var cell : store.cells(id)) {
      counts.merge(cell.status(), 1, Integer::sum);
    }
    return counts;
  }

  /** The grid as it stands: cells, heatmap values, summaries and paired comparisons. */
  public ExperimentResult result(UUID id) {
    var experiment = experiment(id);
    var d = experiment.definition();
    var terms = GridValidation.measuredTerms(d);
    var rows = store.cells(id);
    var doneRuns = rows.stream().filter(c -> c.status() == RunStatus.DONE).map(GridStore.CellRow::runId).toList();
    var similarities = similarities(doneRuns, terms, d.model());
    var cells = new ArrayList<ExperimentResult.Cell>();
    for (var row : rows) {
      var perTerm = new LinkedHashMap<String, Double>();
      var sims = similarities.get(row.runId());
      if (sims != null) {
        for (int t = 0; t < terms.size(); t++) {
          perTerm.put(terms.get(t), TermScores.display(sims[t]));
        }
      }
      cells.add(new ExperimentResult.Cell(row.row(), row.seedIndex(), row.axisIndex(), d.seeds().get(row.seedIndex()),
          Optional.of(row.runId()), Optional.of(row.status()),
          row.status() == RunStatus.DONE ? Optional.ofNullable(row.score()) : Optional.empty(), perTerm));
    }
    cells.sort(Comparator.comparingInt(ExperimentResult.Cell::axisIndex)
        .thenComparingInt(ExperimentResult.Cell::row).thenComparingInt(ExperimentResult.Cell::seedIndex));
    var partial = new ExperimentResult(experiment, cells, terms, List.of(), List.of());
    return new ExperimentResult(experiment, cells, terms, GridAnalysis.summaries(partial), GridAnalysis.comparisons(partial));
  }

  /** Finished runs never change, so their probe scores are computed once per term list. */
  private Map<UUID, double[]> similarities(List<UUID> runs, List<String> terms, String model) {
    var key = model + "\u0000" + String.join("\u0000", terms);
    var out = new HashMap<UUID, double[]>();
    var missing = new ArrayList<UUID>();
    for (var run : runs) {
      var cached = similarityCache.getIfPresent(run + key);
      if (cached != null) {
        out.put(run, cached);
      } else {
        missing.add(run);
      }
    }
    if (!missing.isEmpty()) {
      generation.similarities(missing, terms, model).forEach((run, sims) -> {
        similarityCache.put(run + key, sims);
        out.put(run, sims);
      });
    }
    return out;
  }

  // --- exports -------------------------------------------------------------------------

  public String wikitext(UUID id) {
    return wikitext(result(id));
  }

  public String markdown(UUID id) {
    return markdown(result(id));
  }

  /**
   * The grid's wikitext with the sections other features add (review results), from a result
   * the caller already read (through {@link #result(UUID)}, which checked access): the grid page
   * shows both on every refresh and would otherwise build the result twice.
   */
  public String wikitext(ExperimentResult result) {
    var text = new StringBuilder(WikitextExport.of(result));
    sections.orderedStream().map(s -> s.wikitext(result.experiment().id())).filter(s -> !s.isEmpty())
        .forEach(s -> text.append("\n").append(s));
    return text.toString();
  }

  private String markdown(ExperimentResult result) {
    var text = new StringBuilder(MarkdownExport.of(result));
    sections.orderedStream().map(s -> s.markdown(result.experiment().id())).filter(s -> !s.isEmpty())
        .forEach(s -> text.append("\n").append(s));
    return text.toString();
  }

  public String json(UUID id) {
    return json(result(id));
  }

  /** The grid's JSON with the sections other features add (review results). */
  private String json(ExperimentResult result) {
    var extra = new LinkedHashMap<String, Object>();
    sections.orderedStream().forEach(s -> extra.putAll(s.json(result.experiment().id())));
    return ExperimentJson.write(result, extra);
  }

  /** The labelled contact sheet as PNG. */
  public byte[] contactSheet(UUID id) {
    return contactSheet(result(id));
  }

  private byte[] contactSheet(ExperimentResult result) {
    var images = new HashMap<UUID, BufferedImage>();
    for (var cell : result.cells()) {
      if (cell.done()) {
        cell.runId().flatMap(run -> generation.image(run, ImageKind.FINAL))
            .ifPresent(png -> images.put(cell.runId().get(), PngMetadata.decode(png)));
      }
    }
    var sheet = ContactSheet.draw(result, images);
    return PngMetadata.write(sheet, Map.of("Title", result.experiment().definition().title()));
  }

  /** Every cell image (each PNG with its recipe), the contact sheet, wikitext, Markdown and JSON. */
  public byte[] zip(UUID id) {
    return zip(id, false);
  }

  /**
   * As {@link #zip(UUID)}, with {@code filmstrips} also each done cell's filmstrip beside its
   * image ({@code …-r1-s7-filmstrip.png}), for a wiki page that shows how every cell came about.
   */
  public byte[] zip(UUID id, boolean filmstrips) {
    var result = result(id);
    var d = result.experiment().definition();
    var slug = GridTables.slug(d);
    var bytes = new ByteArrayOutputStream();
    try (var zip = new ZipOutputStream(bytes)) {
      for (var cell : result.cells()) {
        if (!cell.done()) {
          continue;
        }
        var png = generation.image(cell.runId().orElseThrow(), ImageKind.FINAL);
        if (png.isPresent()) {
          entry(zip, GridTables.fileName(d, cell), png.get());
        }
        if (filmstrips) {
          var name = GridTables.fileName(d, cell).replaceFirst("\\.png$", "-filmstrip.png");
          var strip = sections.orderedStream().map(s -> s.cellFilmstrip(cell.runId().orElseThrow()))
              .flatMap(Optional::stream).findFirst();
          if (strip.isPresent()) {
            entry(zip, name, strip.get());
          }
        }
      }
      entry(zip, slug + "-contact-sheet.png", contactSheet(result));
      entry(zip, slug + ".wikitext", wikitext(result).getBytes(StandardCharsets.UTF_8));
      entry(zip, slug + ".md", markdown(result).getBytes(StandardCharsets.UTF_8));
      entry(zip, slug + ".json", json(result).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Re-creates an experiment's definition from its JSON file (not its images: run it again). */
  @Transactional
  @PreAuthorize("hasRole('EDITOR')")
  public UUID importJson(String json) {
    return create(ExperimentJson.readDefinition(json));
  }

  /** As {@link #importJson(String)} from the file's bytes, which must be UTF-8 (nothing is replaced). */
  @Transactional
  @PreAuthorize("hasRole('EDITOR')")
  public UUID importJson(byte[] file) {
    try {
      var text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(file)).toString();
      return importJson(text);
    } catch (CharacterCodingException e) {
      throw new InvalidExperimentException("file", "The file is not UTF-8 text (" + e.getMessage() + "): nothing was imported");
    }
  }

  private static void entry(ZipOutputStream zip, String name, byte[] data) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(data);
    zip.closeEntry();
  }

  public GridSettings settings() {
    return settings;
  }

  private Experiment experiment(UUID id) {
    return find(id).orElseThrow(() -> new InvalidExperimentException("id", "There is no experiment " + id));
  }

  private Experiment changeable(UUID id) {
    var experiment = experiment(id);
    if (!experiment.changeable()) {
      throw new AccessDeniedException(
          "Only the owner of experiment '" + experiment.definition().title() + "' or an admin may change it");
    }
    return experiment;
  }

  /** The experiment with its owner and sharing, if the caller may read it. */
  private Optional<Experiment> withAccess(Experiment e) {
    return store.access(e.id())
        .filter(a -> currentUser.canRead(a.ownerId(), a.visibility(), a.sharedWith()))
        .map(a -> new Experiment(e.id(), e.definition(), e.createdAt(), currentUser.usernameOf(a.ownerId()),
            a.visibility(), currentUser.usernamesOf(a.sharedWith()), currentUser.canChange(a.ownerId())));
  }

  private static String key(int r, int s, int a) {
    return r + "/" + s + "/" + a;
  }

}

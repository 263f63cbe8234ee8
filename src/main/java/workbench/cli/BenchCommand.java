package workbench.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.FileSystemUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import workbench.account.Role;
import workbench.gallery.GalleryFilter;
import workbench.gallery.GalleryService;
import workbench.gallery.GallerySort;
import workbench.grid.GridSettings;
import workbench.loop.ArtProcess;
import workbench.loop.ArtProcesses;
import workbench.loop.DiffusionArtProcess;
import workbench.loop.GenerationLoop;
import workbench.loop.LoopListener;
import workbench.loop.LoopModels;
import workbench.loop.Recipe;
import workbench.loop.RecipeFactory;
import workbench.loop.SeedStatic;
import workbench.model.NativeMemory;
import workbench.run.GenerationService;
import workbench.run.SampleRuns;

/**
 * Measures, in one run on this machine: the machine's own matrix-product peak through DJL,
 * the checker's and the loop's throughput against it, one image, a 4×4 grid batched as grids
 * run (batches of {@code workbench.grid.batch-size} cells) against the same 16 cells one by
 * one, the gallery query over 5,000 stored images, and the server's peak memory with models
 * loaded. Ratios are of numbers measured in this same run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure how fast the loop runs and how close to the machine's limit.")
public final class BenchCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.ParentCommand Cli cli;

  @Option(names = "--json", description = "print the figures as JSON")
  boolean json;

  @Option(names = "--grid-steps", defaultValue = "20", description = "steps per cell in the 4×4 grid (default ${DEFAULT-VALUE})")
  int gridSteps;

  @Option(names = "--grid-batch", description = "cells per batch, as grids run them (default ${DEFAULT-VALUE}, workbench.grid.batch-size)")
  int gridBatch = GridSettings.DEFAULT_BATCH_SIZE;

  @Option(names = "--grid-rounds", defaultValue = "5", description = "timed rounds of the grid, both ways (default ${DEFAULT-VALUE})")
  int gridRounds;

  @Option(names = "--repeats", defaultValue = "5", description = "timed repeats for medians (default ${DEFAULT-VALUE}; the checker times ten times as many batches)")
  int repeats;

  @Option(names = "--gallery-only", description = "measure only the server: the gallery without and with snapshots, and memory")
  boolean galleryOnly;

  @Override
  public Integer call() throws Exception {
    var out = new LinkedHashMap<String, Object>();
    if (gridBatch < 1 || gridSteps < 1 || gridRounds < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--grid-batch, --grid-steps and"
          + " --grid-rounds must be at least 1 (got " + gridBatch + ", " + gridSteps + " and " + gridRounds + ")");
    }
    var err = spec.commandLine().getErr();
    if (galleryOnly) {
      err.println("bench: server with models and 5,000 stored images…");
      serverFigures(out);
      return print(out);
    }
    err.println("bench: matrix-product peak…");
    double peak = peakGflops();
    out.put("peak_gflops", round(peak));

    err.println("bench: server with models and 5,000 stored images…");
    serverFigures(out);

    try (var models = LoopModels.sketchbook()) {
      var recipes = new RecipeFactory(models);
      var loop = new GenerationLoop(models);

      err.println("bench: checker throughput…");
      var images = new ArrayList<BufferedImage>();
      for (int i = 0; i < 64; i++) {
        images.add(SeedStatic.of(i, models.imageSize(), models.imageSize()));
      }
      models.embedImages(images); // warm
      // A batch takes ~20 ms: ten times the repeats, so one preempted batch cannot move the median.
      double checkerSeconds = median(10 * repeats, () -> time(() -> models.embedImages(images))) / 1e9;
      double checkerPerSecond = images.size() / checkerSeconds;
      long checkerFlops = models.checkerFlopsPerImage();
      out.put("checker_images_per_s", round(checkerPerSecond));
      out.put("checker_gflop_per_image", round(checkerFlops / 1e9, 4));
      out.put("checker_fraction_of_peak", round(checkerPerSecond * checkerFlops / (peak * 1e9), 3));

      String process = models.defaultProcess();
      out.put("process", process);
      err.println("bench: one image at default settings (" + process + ")…");
      var single = recipes.recipe(new RecipeFactory.Request("red apple:: table::0.5", "", 42,
          RecipeFactory.DEFAULT_STEPS, process, 4));
      loop.run(single, LoopListener.NONE);
      out.put("single_image_ms", round(median(() -> time(() -> loop.run(single, LoopListener.NONE))) / 1e6));

      err.println("bench: 4×4 grid, batched and one by one…");
      var prompts = List.of("a red apple on a table", "a hand with five fingers", "a watercolour of a house at night",
          "two small blue balls at the left");
      var grid = new ArrayList<Recipe>();
      for (var prompt : prompts) {
        for (long seed = 1; seed <= 4; seed++) {
          grid.add(recipes.recipe(new RecipeFactory.Request(prompt, "", seed, gridSteps, process, 4)));
        }
      }
      // Warm, as a worker is after its first grids: the native heap grows to a batch's working
      // set over the first batches (each page-faulted in: 120k faults and +40% time in the
      // first, still some in the third), then stays.
      var firstBatch = grid.subList(0, Math.min(grid.size(), gridBatch));
      for (int i = 0; i < 3; i++) {
        loop.run(firstBatch, LoopListener.NONE);
      }
      loop.run(grid.get(0), LoopListener.NONE);
      // Interleaved batch by batch (a batch, then its cells one by one), so a burst of load
      // elsewhere on the machine hits both ways alike; the speed-up is the median of each
      // round's ratio, which a slow round moves less than a ratio of medians.
      int rounds = gridRounds;
      var batchedTimes = new double[rounds];
      var sequentialTimes = new double[rounds];
      var ratios = new double[rounds];
      // The peak is measured again between the rounds: the loop's figure is held against the
      // best the machine did in this same stretch, and a spread of peaks says it was busy.
      var peaks = new ArrayList<Double>(List.of(peak));
      for (int i = 0; i < rounds; i++) {
        for (int from = 0; from < grid.size(); from += gridBatch) {
          var cells = grid.subList(from, Math.min(grid.size(), from + gridBatch));
          batchedTimes[i] += time(() -> loop.run(cells, LoopListener.NONE));
          sequentialTimes[i] += time(() -> cells.forEach(r -> loop.run(r, LoopListener.NONE)));
        }
        ratios[i] = sequentialTimes[i] / batchedTimes[i];
        peaks.add(peakGflops());
      }
      var bestPeak = peaks.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      double worstPeak = peaks.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      out.put("peak_gflops_during_loop", round(bestPeak));
      // Another process sharing the cores slows some peak measurements: their spread shows it.
      out.put("machine_busy", worstPeak < 0.8 * bestPeak);
      double batched = median(batchedTimes);
      double sequential = median(sequentialTimes);
      out.put("grid_batched_ms", round(batched / 1e6));
      out.put("grid_sequential_ms", round(sequential / 1e6));
      out.put("grid_speedup", round(median(ratios), 2));
      out.put("grid_batch_size", gridBatch);

      double stepsPerSecond = grid.size() * (double) gridSteps / (batched / 1e9);
      long stepFlops = stepFlops(models, grid, process);
      out.put("loop_steps_per_s", round(stepsPerSecond));
      out.put("loop_gflop_per_step", round(stepFlops / 1e9, 4));
      out.put("loop_fraction_of_peak", round(stepsPerSecond * stepFlops / (bestPeak * 1e9), 3));
      if (samplesDiffusion(process)) {
        out.put("diffusion_steps_per_s", round(stepsPerSecond));
        out.put("diffusion_fraction_of_peak", round(stepsPerSecond * stepFlops / (bestPeak * 1e9), 3));
      }

      if (!samplesDiffusion(process) && models.processes().contains(DiffusionArtProcess.NAME)) {
        // The built-in diffusion model beside the default process: one image, and the 4×4 grid batched.
        err.println("bench: diffusion, one image and the 4×4 grid batched…");
        var diffusionSingle = recipes.recipe(new RecipeFactory.Request("red apple:: table::0.5", "", 42,
            RecipeFactory.DEFAULT_STEPS, DiffusionArtProcess.NAME, 4));
        loop.run(diffusionSingle, LoopListener.NONE);
        out.put("diffusion_single_image_ms", round(median(() -> time(() -> loop.run(diffusionSingle, LoopListener.NONE))) / 1e6));
        var diffusionGrid = grid.stream().map(r -> recipes.recipe(new RecipeFactory.Request(r.prompt(), "", r.seed(),
            gridSteps, DiffusionArtProcess.NAME, 4))).toList();
        var roundTimes = new double[rounds];
        for (int i = 0; i < rounds; i++) {
          for (int from = 0; from < diffusionGrid.size(); from += gridBatch) {
            var cells = diffusionGrid.subList(from, Math.min(diffusionGrid.size(), from + gridBatch));
            roundTimes[i] += time(() -> loop.run(cells, LoopListener.NONE));
          }
          bestPeak = Math.max(bestPeak, peakGflops());
        }
        double diffusionBatched = median(roundTimes);
        double diffusionStepsPerSecond = diffusionGrid.size() * (double) gridSteps / (diffusionBatched / 1e9);
        long diffusionFlops = stepFlops(models, diffusionGrid, DiffusionArtProcess.NAME);
        out.put("diffusion_steps_per_s", round(diffusionStepsPerSecond));
        out.put("diffusion_gflop_per_step", round(diffusionFlops / 1e9, 4));
        out.put("diffusion_fraction_of_peak", round(diffusionStepsPerSecond * diffusionFlops / (bestPeak * 1e9), 3));
        out.put("peak_gflops_during_loop", round(bestPeak));
      }
    }
    return print(out);
  }

  private int print(Map<String, Object> out) throws Exception {
    out.put("machine", machine());
    var mapper = new ObjectMapper();
    if (json) {
      spec.commandLine().getOut().println(mapper.writeValueAsString(out));
    } else {
      spec.commandLine().getOut().println(mapper.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
    }
    return 0;
  }

  /** FLOPs of one loop step of a cell, averaged over the cells (each process says its own). */
  private static long stepFlops(LoopModels models, List<Recipe> cells, String process) {
    var art = ArtProcesses.get(process);
    return Math.round(cells.stream().mapToLong(r -> art.flopsPerStep(models, r)).average().orElse(0));
  }

  private static boolean samplesDiffusion(String process) {
    return ArtProcesses.get(process).runsOn().contains(ArtProcess.Generator.SKETCHBOOK_DIFFUSION);
  }

  /** Best-of-several float32 1536×1536 matrix products through DJL: the machine's own peak. */
  private double peakGflops() {
    int n = 1536;
    try (var manager = NDManager.newBaseManager()) {
      var a = manager.randomUniform(-1, 1, new Shape(n, n));
      var b = manager.randomUniform(-1, 1, new Shape(n, n));
      // A second of untimed products first: a fresh process's first dozen products ran at half
      // the speed of later ones (88 against 177 GFLOPS here), which read as a busy machine.
      long warm = System.nanoTime();
      while (System.nanoTime() - warm < 1_000_000_000L) {
        try (var c = a.matMul(b)) {
          c.toFloatArray();
        }
      }
      double best = Double.MAX_VALUE;
      for (int i = 0; i < 8; i++) {
        long start = System.nanoTime();
        var c = a.matMul(b);
        c.toFloatArray(); // forces the product to finish
        best = Math.min(best, System.nanoTime() - start);
        c.close();
      }
      return 2.0 * n * n * n / best;
    }
  }

  /** The server as deployed: models loaded, 5,000 stored images, the gallery's filtered page. */
  private void serverFigures(Map<String, Object> out) throws Exception {
    var dataDir = Files.createTempDirectory("workbench-bench-");
    // Spring would set logging up again, onto standard output, where --json writes: keep the CLI's (standard error).
    System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
    try (var server = new SpringApplicationBuilder(cli.application()).web(WebApplicationType.SERVLET)
        .run("--server.port=0", "--workbench.data-dir=" + dataDir, "--spring.main.banner-mode=off",
            "--logging.level.root=WARN")) {
      // The services check roles: the bench acts as an admin.
      SecurityContextHolder.getContext().setAuthentication(
          UsernamePasswordAuthenticationToken.authenticated("bench", null,
              AuthorityUtils.createAuthorityList(
                  Role.ADMIN.authorities().toArray(String[]::new))));
      var generation = server.getBean(GenerationService.class);
      generation.recipe(new RecipeFactory.Request("a red apple", "", 1, 1, "", 1)); // loads the models
      SampleRuns.insertRuns(server.getBean(JdbcClient.class), "bench-model", 5_000);
      var gallery = server.getBean(GalleryService.class);
      double without = galleryQueryNanos(gallery);
      out.put("gallery_query_ms", round(without / 1e6, 2));
      out.put("gallery_rows", gallery.count(GalleryFilter.all()));
      // The same gallery once every run keeps its journey: 9 snapshots a run (a 40-step run with
      // the default workbench.snapshots.every), each the size of a guided one as stored.
      spec.commandLine().getErr().println("bench: the same gallery with 9 snapshots of every run stored…");
      var jdbc = server.getBean(JdbcClient.class);
      SampleRuns.insertSnapshots(jdbc, "bench-model", 5_000, 9, SNAPSHOT_BYTES);
      jdbc.sql("analyze run_snapshot").update();
      double with = galleryQueryNanos(gallery);
      out.put("gallery_with_snapshots_ms", round(with / 1e6, 2));
      out.put("snapshots_mb", round(jdbc.sql("select pg_total_relation_size('run_snapshot')").query(Long.class).single() / 1e6));
      double ratio = with / without;
      out.put("gallery_snapshot_ratio", round(ratio, 2));
      out.put("gallery_snapshot_goal_met", ratio <= GALLERY_SNAPSHOT_GOAL);
      out.put("server_rss_mb", peakResidentMb());
    } finally {
      FileSystemUtils.deleteRecursively(dataDir);
    }
  }

  /** A guided snapshot's size as PostgreSQL stores it (README, "The loop of a run"). */
  static final int SNAPSHOT_BYTES = 11_800;
  /** Snapshots are in their own table, never read by the gallery's lists: they may cost it at most this. */
  static final double GALLERY_SNAPSHOT_GOAL = 1.25;

  /**
   * The filtered gallery's page of 50, median of 20 pages, after the same 20 pages untimed (a
   * single warm-up left the first measurement up to 1.5x slower than the second, from JIT alone).
   */
  private static double galleryQueryNanos(GalleryService gallery) {
    var filter = GalleryFilter.all().withTerm("red apple");
    for (int i = 0; i < 20; i++) {
      gallery.page(filter, GallerySort.NEWEST, 50 * i, 50);
    }
    double[] times = new double[20];
    for (int i = 0; i < times.length; i++) {
      int offset = 50 * i;
      times[i] = time(() -> gallery.page(filter, GallerySort.NEWEST, offset, 50));
    }
    return median(times);
  }

  private double median(LongSupplier measurement) {
    return median(repeats, measurement);
  }

  private static double median(int repeats, LongSupplier measurement) {
    var times = new double[Math.max(1, repeats)];
    for (int i = 0; i < times.length; i++) {
      times[i] = measurement.getAsLong();
    }
    return median(times);
  }

  private static double median(double[] times) {
    var sorted = times.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static long time(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return System.nanoTime() - start;
  }

  /** VmHWM: the most resident memory this process has had. */
  private static long peakResidentMb() throws Exception {
    var status = Files.readAllLines(Path.of("/proc/self/status"));
    return status.stream().filter(l -> l.startsWith("VmHWM:")).findFirst()
        .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).orElse(-1L);
  }

  private static Map<String, Object> machine() throws Exception {
    var m = new LinkedHashMap<String, Object>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    var cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
        .filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
    m.put("cpu", cpu);
    m.put("java", System.getProperty("java.version"));
    m.put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
    // Whether glibc keeps freed native memory (-Dworkbench.malloc.tune=false measures without).
    m.put("malloc_tuned", NativeMemory.tune());
    return m;
  }

  private static double round(double v) {
    return round(v, 1);
  }

  private static double round(double v, int places) {
    return Double.parseDouble(String.format(Locale.ROOT, "%." + places + "f", v));
  }
}

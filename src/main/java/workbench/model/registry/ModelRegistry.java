package workbench.model.registry;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import workbench.model.ModelCard;
import workbench.model.ModelLoadException;
import workbench.shared.Sha256;

/**
 * The custom models of one folder: each sub-folder with a {@code model.json} is a model whose id
 * is the folder's name. A folder whose manifest is wrong is left out and its problem kept (the
 * app starts; the message names folder and field). Models load on first use, once, and stay
 * loaded until {@link #close}; their files are checked against the manifest's sha256 first.
 */
public final class ModelRegistry implements AutoCloseable {

  /** A model folder that passed its manifest checks (its weights are checked when it loads). */
  public record Entry(String id, Path folder, ModelManifest manifest) {
    public boolean checker() {
      return manifest.isChecker();
    }

    /** One hash for the model: sha256 over its sorted "file=sha256" lines. */
    public String weightsSha256() {
      return combinedSha256(manifest.sha256());
    }
  }

  private final @Nullable Path dir;
  private final Map<String, Entry> entries;
  private final List<String> problems;
  private final Map<String, AutoCloseable> loaded = new LinkedHashMap<>();

  private ModelRegistry(@Nullable Path dir, Map<String, Entry> entries, List<String> problems) {
    this.dir = dir;
    this.entries = entries;
    this.problems = List.copyOf(problems);
  }

  /** No custom models: only the built-in Sketchbook pair is there. */
  public static ModelRegistry empty() {
    return new ModelRegistry(null, Map.of(), List.of());
  }

  /** Every model folder directly under {@code dir}; a missing {@code dir} is a clear error. */
  public static ModelRegistry scan(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ModelLoadException("models folder " + dir.toAbsolutePath() + " (workbench.models.dir) does not exist");
    }
    var entries = new TreeMap<String, Entry>();
    var problems = new ArrayList<String>();
    try (Stream<Path> children = Files.list(dir)) {
      for (Path folder : children.filter(Files::isDirectory).sorted().toList()) {
        String id = folder.getFileName().toString();
        try {
          entries.put(id, new Entry(id, folder, ModelManifest.read(folder)));
        } catch (ModelLoadException e) {
          problems.add(e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new ModelLoadException("cannot list models folder " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
    }
    return new ModelRegistry(dir, entries, problems);
  }

  public Optional<Path> dir() {
    return Optional.ofNullable(dir);
  }

  public List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  public List<Entry> checkers() {
    return entries.values().stream().filter(Entry::checker).toList();
  }

  public List<Entry> generators() {
    return entries.values().stream().filter(e -> !e.checker()).toList();
  }

  /** Messages of the folders that were left out, each naming the folder and the field. */
  public List<String> problems() {
    return problems;
  }

  /** The model {@code id} of {@code kind}, or a message saying what there is instead. */
  public Entry entry(String id, String kind) {
    var entry = entries.get(id);
    if (entry == null) {
      throw new ModelLoadException("unknown model '" + id + "'" + (dir == null ? " (workbench.models.dir is not set)"
          : ": the folders of " + dir.toAbsolutePath() + " with a model.json are " + String.join(", ", entries.keySet())));
    }
    if (!entry.manifest().kind().equals(kind)) {
      throw new ModelLoadException("model '" + id + "' in " + entry.folder().toAbsolutePath() + " is a "
          + entry.manifest().kind() + ", not a " + kind);
    }
    return entry;
  }

  /** The CLIP checker {@code id}, loaded on first use. */
  public synchronized ClipChecker checker(String id) {
    var entry = entry(id, ModelManifest.CHECKER);
    var model = loaded.get(id);
    if (model == null) {
      verify(entry);
      var device = device(entry);
      checkFits(entry, device, memoryOf(device));
      model = ClipChecker.load(entry, device);
      loaded.put(id, model);
    }
    return (ClipChecker) model;
  }

  /** The Stable Diffusion generator {@code id}, loaded on first use. */
  public synchronized DiffusionGenerator generator(String id) {
    var entry = entry(id, ModelManifest.GENERATOR);
    var model = loaded.get(id);
    if (model == null) {
      verify(entry);
      var device = device(entry);
      checkFits(entry, device, memoryOf(device));
      model = DiffusionGenerator.load(entry, device);
      loaded.put(id, model);
    }
    return (DiffusionGenerator) model;
  }

  /** Every file of the manifest against its sha256, before anything is loaded. */
  static void verify(Entry entry) {
    for (var file : entry.manifest().files().values()) {
      String expected = entry.manifest().sha256().get(file);
      String actual;
      try {
        actual = ModelCard.sha256(Files.readAllBytes(entry.folder().resolve(file)));
      } catch (IOException e) {
        throw ModelManifest.problem(entry.folder(), "files", "names " + file + ", which cannot be read: " + e.getMessage());
      }
      if (!actual.equalsIgnoreCase(expected)) {
        throw ModelManifest.problem(entry.folder(), "sha256." + file, "says " + expected + " but " + file + " has sha256 " + actual);
      }
    }
  }

  /**
   * The device a manifest asks for: {@code cpu}, {@code gpu} (the first GPU) or {@code gpu(N)}.
   * A GPU this machine does not have is an error naming the model, not a silent fall back.
   */
  static Device device(Entry entry) {
    String wanted = entry.manifest().device().strip().toLowerCase(Locale.ROOT);
    if (wanted.equals("cpu")) {
      return Device.cpu();
    }
    int index = 0;
    if (wanted.matches("gpu\\(\\d+\\)")) {
      index = Integer.parseInt(wanted.substring(4, wanted.length() - 1));
    } else if (!wanted.equals("gpu")) {
      throw ModelManifest.problem(entry.folder(), "device", "must be cpu, gpu or gpu(N); got '" + entry.manifest().device() + "'");
    }
    int gpus = Engine.getEngine("PyTorch").getGpuCount();
    if (index >= gpus) {
      throw new ModelLoadException("model " + entry.id() + " asks for " + wanted + " but this machine has "
          + (gpus == 0 ? "no GPU" : "only " + gpus + " GPU" + (gpus == 1 ? "" : "s")) + " (DJL sees " + gpus
          + " GPU" + (gpus == 1 ? "" : "s") + "); set \"device\": \"cpu\" in " + entry.folder().resolve(ModelManifest.FILE));
    }
    return Device.gpu(index);
  }

  /**
   * Refuses a model whose files alone outweigh the memory of its device (the weights are
   * loaded whole; activations come on top), rather than letting the process die later.
   */
  static void checkFits(Entry entry, Device device, long availableBytes) {
    long bytes = 0;
    for (var file : entry.manifest().files().values()) {
      try {
        bytes += Files.size(entry.folder().resolve(file));
      } catch (IOException e) {
        throw ModelManifest.problem(entry.folder(), "files", "names " + file + ", which cannot be read: " + e.getMessage());
      }
    }
    if (availableBytes > 0 && bytes > availableBytes) {
      throw new ModelLoadException(String.format(Locale.ROOT,
          "model %s is too big for %s: its files are %.1f GB but the device has %.1f GB%s", entry.id(), device,
          bytes / 1e9, availableBytes / 1e9, device.isGpu() ? " free" : " of memory"));
    }
  }

  /** Free memory of a GPU, or the machine's physical memory for the CPU; 0 = unknown. */
  private static long memoryOf(Device device) {
    try {
      if (device.isGpu()) {
        var usage = CudaUtils.getGpuMemory(device);
        return usage.getMax() - usage.getUsed();
      }
      var os = ManagementFactory.getOperatingSystemMXBean();
      return os instanceof OperatingSystemMXBean bean ? bean.getTotalMemorySize() : 0;
    } catch (RuntimeException | LinkageError e) {
      return 0;
    }
  }

  /** One hash for a model made of several files: of their names and hashes, in name order. */
  public static String combinedSha256(Map<String, String> files) {
    var digest = Sha256.digest();
    new TreeMap<>(files).forEach((file, sha) -> digest.update((file + "=" + sha + "\n").getBytes(StandardCharsets.UTF_8)));
    return HexFormat.of().formatHex(digest.digest());
  }

  @Override
  public synchronized void close() {
    for (var model : loaded.values()) {
      try {
        model.close();
      } catch (Exception e) {
        // Closing frees native memory; one failure must not keep the others open.
      }
    }
    loaded.clear();
  }
}

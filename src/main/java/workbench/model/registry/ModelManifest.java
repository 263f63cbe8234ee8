package workbench.model.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import workbench.model.ModelLoadException;

/**
 * A model folder's {@code model.json}. Common to both kinds: what it is, its licence note, the
 * device it wants, the image size it reads or makes, its tokenizer, and the sha256 of every file.
 * Generators add the latent shape and the sampler's settings.
 *
 * @param kind {@code checker} or {@code generator}
 * @param format {@code clip-torchscript} (checker) or {@code sd-torchscript} (generator)
 * @param device {@code cpu}, {@code gpu} or {@code gpu(N)}
 * @param inputSize the square image size the checker reads, or the generator makes
 * @param contextLength tokens per text (CLIP: 77); longer texts are cut, shorter padded
 * @param padId the token id that pads a text to {@code contextLength}
 * @param mean checker only: per-channel mean of its image normalisation
 * @param std checker only: per-channel standard deviation of its image normalisation
 * @param latentChannels generator only: latent channels (Stable Diffusion: 4)
 * @param latentSize generator only: latent height and width (SD 1.x: 64)
 * @param latentScale generator only: the VAE's scaling factor (SD 1.x: 0.18215)
 * @param guidance generator only: the default classifier-free guidance scale
 * @param scheduler generator only: {@code ddim}
 * @param files role → file name: checker {@code model}, {@code tokenizer}; generator
 *     {@code textEncoder}, {@code unet}, {@code vaeDecoder}, {@code tokenizer}
 * @param sha256 file name → its sha256, checked before the file is loaded
 */
public record ModelManifest(
    String kind,
    String format,
    String name,
    String licence,
    String device,
    int inputSize,
    int contextLength,
    int padId,
    List<Double> mean,
    List<Double> std,
    int latentChannels,
    int latentSize,
    double latentScale,
    double guidance,
    String scheduler,
    int trainTimesteps,
    double betaStart,
    double betaEnd,
    Map<String, String> files,
    Map<String, String> sha256) {

  public static final String FILE = "model.json";
  public static final String CHECKER = "checker";
  public static final String GENERATOR = "generator";
  public static final String CLIP_FORMAT = "clip-torchscript";
  public static final String SD_FORMAT = "sd-torchscript";

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public ModelManifest {
    kind = orEmpty(kind);
    format = orEmpty(format);
    name = orEmpty(name);
    licence = orEmpty(licence);
    device = device == null || device.isBlank() ? "cpu" : device;
    mean = mean == null ? List.of() : List.copyOf(mean);
    std = std == null ? List.of() : List.copyOf(std);
    scheduler = scheduler == null || scheduler.isBlank() ? "ddim" : scheduler;
    files = files == null ? Map.of() : Map.copyOf(files);
    sha256 = sha256 == null ? Map.of() : Map.copyOf(sha256);
  }

  private static String orEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }

  /**
   * Reads and checks {@code folder/model.json}: every problem is a {@link ModelLoadException}
   * naming the folder and the field.
   */
  public static ModelManifest read(Path folder) {
    Path file = folder.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new ModelLoadException("model folder " + folder.toAbsolutePath() + " has no " + FILE);
    }
    ModelManifest manifest;
    try {
      manifest = JSON.readValue(file.toFile(), ModelManifest.class);
    } catch (JsonProcessingException e) {
      throw problem(folder, FILE, "is not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    } catch (IOException e) {
      throw problem(folder, FILE, "cannot be read: " + e.getMessage());
    }
    manifest.check(folder);
    return manifest;
  }

  private void check(Path folder) {
    switch (kind) {
      case CHECKER -> {
        require(folder, "format", format.equals(CLIP_FORMAT), "must be '" + CLIP_FORMAT + "' for a checker; got '" + format + "'");
        requireFiles(folder, List.of("model", "tokenizer"));
        require(folder, "mean", mean.size() == 3, "must list 3 numbers (one per RGB channel)");
        require(folder, "std", std.size() == 3 && std.stream().allMatch(s -> s > 0), "must list 3 positive numbers");
      }
      case GENERATOR -> {
        require(folder, "format", format.equals(SD_FORMAT), "must be '" + SD_FORMAT + "' for a generator; got '" + format + "'");
        requireFiles(folder, List.of("textEncoder", "unet", "vaeDecoder", "tokenizer"));
        require(folder, "latentChannels", latentChannels > 0, "must be positive");
        require(folder, "latentSize", latentSize > 0, "must be positive");
        require(folder, "latentScale", latentScale > 0, "must be positive");
        require(folder, "scheduler", scheduler.equals("ddim"), "must be 'ddim' (the one sampler built in); got '" + scheduler + "'");
        require(folder, "trainTimesteps", trainTimesteps > 1, "must be more than 1");
        require(folder, "betaStart", betaStart > 0 && betaEnd > betaStart && betaEnd < 1,
            "and betaEnd must satisfy 0 < betaStart < betaEnd < 1");
      }
      default -> throw problem(folder, "kind", "must be '" + CHECKER + "' or '" + GENERATOR + "'; got '" + kind + "'");
    }
    require(folder, "inputSize", inputSize > 0, "must be positive");
    require(folder, "contextLength", contextLength > 1, "must be at least 2");
    for (var entry : files.entrySet()) {
      String file = entry.getValue();
      String field = "files." + entry.getKey();
      require(folder, field, !file.contains("/") && !file.contains("\\") && !file.startsWith("."),
          "must be a file name in the model folder; got '" + file + "'");
      require(folder, field, Files.isRegularFile(folder.resolve(file)), "names " + file + ", which is missing");
      require(folder, "sha256." + file, sha256.containsKey(file), "is missing (every file needs its sha256)");
    }
  }

  private void requireFiles(Path folder, List<String> roles) {
    for (String role : roles) {
      require(folder, "files." + role, files.containsKey(role), "is missing");
    }
  }

  private static void require(Path folder, String field, boolean ok, String message) {
    if (!ok) {
      throw problem(folder, field, message);
    }
  }

  static ModelLoadException problem(Path folder, String field, String message) {
    return new ModelLoadException("model folder " + folder.toAbsolutePath() + ": " + FILE + " field '" + field + "' " + message);
  }

  /** The file that plays {@code role}, in {@code folder}. */
  public Path file(Path folder, String role) {
    return folder.resolve(files.get(role));
  }

  public boolean isChecker() {
    return kind.equals(CHECKER);
  }
}

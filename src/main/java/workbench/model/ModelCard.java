package workbench.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import workbench.shared.Sha256;
import workbench.sketchbook.Sketchbook;
import workbench.sketchbook.Split;
import workbench.sketchbook.Vocabulary;

/**
 * What the shipped models are: vocabulary, image size, the seed ranges they were trained and
 * evaluated on, how they were trained, their held-out metrics, and the sha256 of each file.
 */
public record ModelCard(
    String name,
    int imageSize,
    int embeddingSize,
    int latentSize,
    List<String> vocabulary,
    Map<String, SeedRange> splits,
    Map<String, Map<String, Object>> training,
    Map<String, Object> metrics,
    Map<String, String> sha256) {

  public static final String FILE = "model-card.json";
  public static final String NAME = "sketchbook-v1";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** A seed range [firstSeed, endSeed). */
  public record SeedRange(long firstSeed, long endSeed) {}

  public static ModelCard fresh() {
    Map<String, SeedRange> splits = new LinkedHashMap<>();
    for (Split s : Split.values()) {
      splits.put(s.name().toLowerCase(), new SeedRange(s.firstSeed(), s.endSeed()));
    }
    return new ModelCard(NAME, Sketchbook.IMAGE_SIZE, CheckerNetwork.EMBEDDING, GeneratorNetwork.LATENT,
        Vocabulary.words(), splits, new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
  }

  public static ModelCard read(InputStream in) throws IOException {
    return JSON.readValue(in, ModelCard.class);
  }

  /** The card in {@code dir}, or a fresh one when there is none yet. */
  public static ModelCard readOrFresh(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return fresh();
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    }
  }

  public ModelCard withTraining(String model, Map<String, Object> run) {
    var all = new TreeMap<>(training);
    all.put(model, run);
    return new ModelCard(name, imageSize, embeddingSize, latentSize, vocabulary, splits, all, metrics, sha256);
  }

  public ModelCard withMetrics(Map<String, Object> newMetrics) {
    var all = new TreeMap<>(metrics);
    all.putAll(newMetrics);
    return new ModelCard(name, imageSize, embeddingSize, latentSize, vocabulary, splits, training, all, sha256);
  }

  /** Writes the card into {@code dir}, with the sha256 of every weights file found there. */
  public ModelCard writeTo(Path dir) throws IOException {
    var hashes = new TreeMap<String, String>();
    for (String file : List.of(CheckerTraining.WEIGHTS, GeneratorTraining.WEIGHTS, SketchbookDiffusion.WEIGHTS,
        JudgeTraining.WEIGHTS, SketchbookAutoencoder.WEIGHTS, SketchbookCode.WEIGHTS, CodeDirections.FILE)) {
      if (Files.exists(dir.resolve(file))) {
        hashes.put(file, sha256(Files.readAllBytes(dir.resolve(file))));
      }
    }
    var card = new ModelCard(name, imageSize, embeddingSize, latentSize, vocabulary, splits, training, metrics, hashes);
    JSON.writeValue(dir.resolve(FILE).toFile(), card);
    return card;
  }

  /** Lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    return Sha256.hex(bytes);
  }
}

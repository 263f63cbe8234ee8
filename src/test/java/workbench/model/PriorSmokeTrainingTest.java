package workbench.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --model code} and {@code train --model prior} at smoke size, on the real engine
 * over the real autoencoder: the code's loss goes down, it resumes and it continues a shipped
 * code; a prior trains from a bank it writes and reads back, resumes, loads by its weights alone,
 * and draws the same bytes twice.
 */
class PriorSmokeTrainingTest {

  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static final Path SHIPPED = Path.of("src/main/resources/models/sketchbook-v1");

  private static Path folderWithAutoencoder(Path dir) throws Exception {
    Path models = Files.createDirectories(dir.resolve("models"));
    for (String file : List.of(CheckerTraining.WEIGHTS, GeneratorTraining.WEIGHTS, JudgeTraining.WEIGHTS,
        SketchbookAutoencoder.WEIGHTS)) {
      Files.copy(SHIPPED.resolve(file), models.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    ModelCard.fresh().writeTo(models);
    return models;
  }

  @Test
  void theCodesLossGoesDownAndASecondCallContinues(@TempDir Path dir) throws Exception {
    Path models = folderWithAutoencoder(dir);
    Path run = dir.resolve("code");
    var first = CodeTraining.train(new CodeTraining.Settings(30, 5, 8, 2e-3f, 2, 15), ModelSource.directory(models),
        run, QUIET);
    assertThat(first.firstStep()).isZero();
    List<Double> losses = Files.readAllLines(run.resolve(CodeTraining.LOSS)).stream().skip(1)
        .map(line -> Double.parseDouble(line.split(",")[1])).toList();
    assertThat(losses).hasSize(30);
    // A code that learns nothing stays near 1.0 of its start; on the shipped autoencoder of
    // 2026-12-05 thirty steps took the loss from 1.086 to 0.775 (0.71 of it; 0.7 and less before).
    assertThat(mean(losses.subList(25, 30))).isLessThan(0.8 * mean(losses.subList(0, 5)));
    assertThat(run.resolve("code-preview.png")).exists();

    var again = CodeTraining.train(new CodeTraining.Settings(32, 5, 8, 2e-3f, 2, 15), ModelSource.directory(models),
        run, QUIET);
    assertThat(again.firstStep()).isEqualTo(30);
    assertThat(Files.readAllLines(run.resolve(CodeTraining.LOSS))).hasSize(1 + 32);
  }

  /** {@code --init}: a fresh code run starts from the shipped code, not from nothing. */
  @Test
  void aCodeRunWithInitStartsFromThatCode(@TempDir Path dir) throws Exception {
    Path models = folderWithAutoencoder(dir);
    var settings = new CodeTraining.Settings(1, 5, 8, 1e-7f, 1, 1);
    var fresh = CodeTraining.train(settings, ModelSource.directory(models), dir.resolve("fresh"), QUIET);
    var continued = CodeTraining.train(settings, ModelSource.directory(models), ModelSource.directory(SHIPPED),
        dir.resolve("continued"), QUIET);
    // The shipped code draws held-out renders back at about 0.035 (of 2); a new one draws noise.
    assertThat(continued.heldOutError()).isLessThan(0.06);
    assertThat(fresh.heldOutError()).isGreaterThan(3 * continued.heldOutError());
    assertThat(continued.loss()).isLessThan(0.5 * fresh.loss());
  }

  @Test
  void aPriorOverTheCodesTrainsResumesLoadsAndIsReproducible(@TempDir Path dir) throws Exception {
    Path models = folderWithAutoencoder(dir);
    CodeTraining.train(new CodeTraining.Settings(2, 5, 4, 1e-3f, 1, 2), ModelSource.directory(models), models, QUIET);
    ModelCard.readOrFresh(models).writeTo(models);
    assertThat(ModelCard.readOrFresh(models).sha256()).containsKey(SketchbookCode.WEIGHTS);

    Path run = dir.resolve("run");
    var settings = new PriorTraining.Settings(3, 7, 16, 5e-4f, 2, 0.99f, 0.1, 3, 100, false);
    var result = PriorTraining.train(settings, ModelSource.classpath(), ModelSource.directory(models), run, QUIET);
    assertThat(result.loss()).isFinite();
    assertThat(run.resolve(PriorTraining.BANK)).exists();
    // The code's main directions, from the bank, for the sampler's detail guidance.
    var directions = CodeDirections.read(Files.readAllBytes(run.resolve(CodeDirections.FILE)), CodeNetwork.CODE);
    assertThat(directions.count()).isEqualTo(CodeDirections.COARSE);
    var resumed = PriorTraining.train(new PriorTraining.Settings(4, 7, 16, 5e-4f, 2, 0.99f, 0.1, 3, 100, false),
        ModelSource.classpath(), ModelSource.directory(models), run, QUIET);
    assertThat(resumed.firstStep()).isEqualTo(3);
    byte[] weights = Files.readAllBytes(run.resolve(SketchbookDiffusion.WEIGHTS));
    assertThat(PriorNetwork.prior(HalfWeights.names(weights))).isTrue();

    install(run, models);
    try (var checker = SketchbookChecker.load(ModelSource.directory(models), Device.cpu());
        var diffusion = SketchbookDiffusion.load(ModelSource.directory(models), Device.cpu(), checker)) {
      assertThat(diffusion.stateSize()).isEqualTo(CodeNetwork.CODE);
      assertThat(diffusion.detailGuidance(3)).isEqualTo(3 * SketchbookDiffusion.DETAIL_GUIDANCE_RATIO);
      float[][] noise = {DiffusionTraining.gaussian(new SplittableRandom(3), diffusion.stateSize())};
      var prompts = List.of(SketchbookDiffusion.Prompt.of("a red ball on the grass"));
      var once = diffusion.generate(prompts, noise, 3, 3.0, DiffusionSampler.DDIM).get(0);
      var twice = diffusion.generate(prompts, noise, 3, 3.0, DiffusionSampler.DDIM).get(0);
      assertThat(once.getWidth()).isEqualTo(64);
      assertThat(pixels(once)).isEqualTo(pixels(twice));
    }
  }

  /**
   * A prior grown with cross-attention from one without (its attention outputs start at zero)
   * predicts what the one it started from predicts, then trains on, and loads as a prior with
   * attention.
   */
  @Test
  void aPriorGrownWithCrossAttentionStartsAsThePriorItCameFromAndLoads(@TempDir Path dir) throws Exception {
    Path models = folderWithAutoencoder(dir);
    CodeTraining.train(new CodeTraining.Settings(2, 5, 4, 1e-3f, 1, 2), ModelSource.directory(models), models, QUIET);
    ModelCard.readOrFresh(models).writeTo(models);
    Path plain = dir.resolve("plain");
    PriorTraining.train(new PriorTraining.Settings(3, 7, 16, 5e-4f, 2, 0.99f, 0.1, 3, 100, false),
        ModelSource.classpath(), ModelSource.directory(models), plain, QUIET);
    byte[] plainWeights = Files.readAllBytes(plain.resolve(SketchbookDiffusion.WEIGHTS));
    assertThat(PriorNetwork.crossAttention(HalfWeights.names(plainWeights))).isFalse();

    try (NDManager manager = NDManager.newBaseManager(Device.cpu());
        var checker = SketchbookChecker.load(ModelSource.classpath(), Device.cpu())) {
      var without = new PriorNetwork(CheckerNetwork.CONDITION_WIDTH);
      var with = new PriorNetwork(CheckerNetwork.CONDITION_WIDTH, CheckerNetwork.TEXT_WIDTH, true);
      for (var network : List.of(without, with)) {
        network.initialize(manager, DataType.FLOAT32, network.inputShape(2), DiffusionNetwork.timeShape(2),
            network.textShape(2));
      }
      HalfWeights.read(without, plainWeights, manager);
      assertThat(HalfWeights.readPartial(with, plainWeights, manager)).isNotEmpty().allMatch(n -> n.contains(".text."));
      NDArray x = manager.randomNormal(without.inputShape(2));
      NDArray time = manager.randomNormal(DiffusionNetwork.timeShape(2));
      NDArray condition = checker.conditioning(manager, List.of("a red ball on the grass", "two pears at night"));
      var store = new ai.djl.training.ParameterStore(manager, false);
      float[] a = without.forward(store, new NDList(x, time, condition), false).singletonOrThrow().toFloatArray();
      float[] b = with.forward(store, new NDList(x, time, condition), false).singletonOrThrow().toFloatArray();
      assertThat(b).containsExactly(a, org.assertj.core.data.Offset.offset(1e-5f));
    }

    Path grown = dir.resolve("grown");
    var result = PriorTraining.train(new PriorTraining.Settings(3, 7, 16, 5e-4f, 2, 0.99f, 0.1, 3, 100, true),
        ModelSource.classpath(), ModelSource.directory(models), plain, grown, QUIET);
    assertThat(result.loss()).isFinite();
    byte[] weights = Files.readAllBytes(grown.resolve(SketchbookDiffusion.WEIGHTS));
    assertThat(PriorNetwork.crossAttention(HalfWeights.names(weights))).isTrue();
    install(grown, models);
    try (var checker = SketchbookChecker.load(ModelSource.directory(models), Device.cpu());
        var diffusion = SketchbookDiffusion.load(ModelSource.directory(models), Device.cpu(), checker)) {
      float[][] noise = {DiffusionTraining.gaussian(new SplittableRandom(3), diffusion.stateSize())};
      var once = diffusion.generate(List.of(SketchbookDiffusion.Prompt.of("a red ball")), noise, 3, 3.0,
          DiffusionSampler.DDIM).get(0);
      assertThat(once.getWidth()).isEqualTo(64);
    }
  }

  /** Puts a run's prior into the model folder and rewrites the card's sha256, as shipping does. */
  private static void install(Path run, Path models) throws Exception {
    for (String file : List.of(SketchbookDiffusion.WEIGHTS, CodeDirections.FILE)) {
      Files.copy(run.resolve(file), models.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    ModelCard.readOrFresh(models).writeTo(models);
  }

  @Test
  void tuningTheDecodersLeavesTheEncodersAsTheyWereAndResumes(@TempDir Path dir) throws Exception {
    Path models = folderWithAutoencoder(dir);
    CodeTraining.train(new CodeTraining.Settings(2, 5, 4, 1e-3f, 1, 2), ModelSource.directory(models), models, QUIET);
    ModelCard.readOrFresh(models).writeTo(models);
    Path run = dir.resolve("drawing");
    var settings = new CodeTraining.Settings(3, 5, 4, 1e-3f, 1, 3);
    CodeTraining.tuneDecoders(settings, ModelSource.directory(models), run, QUIET);
    var resumed = CodeTraining.tuneDecoders(new CodeTraining.Settings(4, 5, 4, 1e-3f, 1, 3),
        ModelSource.directory(models), run, QUIET);
    assertThat(resumed.firstStep()).isEqualTo(3);
    assertThat(run.resolve("drawing-preview.png")).exists();
    for (String file : List.of(SketchbookCode.WEIGHTS, SketchbookAutoencoder.WEIGHTS)) {
      var before = values(file.equals(SketchbookCode.WEIGHTS) ? new CodeNetwork() : new AutoencoderNetwork(), models.resolve(file));
      var after = values(file.equals(SketchbookCode.WEIGHTS) ? new CodeNetwork() : new AutoencoderNetwork(), run.resolve(file));
      for (String name : before.keySet()) {
        if (name.startsWith("enc.")) {
          assertThat(after.get(name)).as(file + " " + name).isEqualTo(before.get(name));
        }
      }
      // The decoders did move.
      assertThat(before.keySet().stream().filter(n -> n.startsWith("dec."))
          .anyMatch(n -> !java.util.Arrays.equals(before.get(n), after.get(n)))).as(file).isTrue();
    }
  }

  /** Every parameter's values of the half-float weights in {@code file}, read into {@code block}. */
  private static java.util.Map<String, float[]> values(ai.djl.nn.AbstractBlock block, Path file) throws Exception {
    var out = new java.util.TreeMap<String, float[]>();
    try (var manager = ai.djl.ndarray.NDManager.newBaseManager(Device.cpu())) {
      block.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, block instanceof CodeNetwork code
          ? code.latentShape(1) : AutoencoderNetwork.imageShape(1));
      HalfWeights.read(block, Files.readAllBytes(file), manager);
      block.getParameters().forEach(p -> out.put(p.getKey(), p.getValue().getArray().toFloatArray()));
    }
    return out;
  }

  private static int[] pixels(java.awt.image.BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }
}

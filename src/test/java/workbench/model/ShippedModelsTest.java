package workbench.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import workbench.sketchbook.ObjectKind;
import workbench.sketchbook.Sketchbook;

/** The weights in src/main/resources/models/sketchbook-v1, loaded from the classpath. */
class ShippedModelsTest {

  private static SketchbookChecker checker;
  private static GeneratorPrior generator;

  @BeforeAll
  static void load() {
    checker = SketchbookChecker.load();
    generator = GeneratorPrior.load(checker);
  }

  @AfterAll
  static void close() {
    generator.close();
    checker.close();
  }

  /** Thresholds sit a little under the full 1,000-scene numbers in the model card. */
  @Test
  void heldOutSampleStaysAboveAgreedThresholds() {
    var report = Evaluation.run(checker, generator, 256, 128);
    assertThat(report.retrievalTop1()).isGreaterThanOrEqualTo(ShippedThresholds.RETRIEVAL_TOP1);
    assertThat(report.attributeSwap()).isGreaterThanOrEqualTo(ShippedThresholds.ATTRIBUTE_SWAP);
    assertThat(report.conditionalTop1()).isGreaterThanOrEqualTo(ShippedThresholds.CONDITIONAL_TOP1);
  }

  @Test
  void wordOrderMatters() {
    float[][] v = checker.embedTexts(List.of("apple tart", "tart apple")).vectors();
    double cos = 0;
    for (int i = 0; i < v[0].length; i++) {
      cos += v[0][i] * v[1][i];
    }
    assertThat(cos).isLessThan(0.99);
  }

  @Test
  void unknownWordsAreReportedAndTheRestStillScores() {
    var embeddings = checker.embedTexts(List.of("a red zebra apple"));
    assertThat(embeddings.unknownWords()).containsExactly("zebra");
    assertThat(embeddings.vectors()[0]).hasSize(CheckerNetwork.EMBEDDING);
  }

  @Test
  void callsFromSeveralThreadsAgree() throws Exception {
    var images = List.of(Sketchbook.render(Sketchbook.scene(3)), Sketchbook.render(Sketchbook.scene(4)));
    var terms = List.of("a red apple", "a hand with five fingers", ObjectKind.TART.singular());
    float[][] expected = checker.similarity(images, terms);
    var pool = Executors.newFixedThreadPool(3);
    try {
      Callable<float[][]> call = () -> checker.similarity(images, terms);
      for (var future : pool.invokeAll(List.of(call, call, call, call))) {
        assertThat(future.get()).isDeepEqualTo(expected);
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void steeringGradientRaisesTheScore() {
    float[] z = GeneratorPrior.latent(11);
    var terms = List.of("a big red ball");
    float[] weights = {1f};
    var before = generator.steer(z, "a ball", terms, weights);
    assertThat(before.gradient()).hasSize(generator.latentSize());
    double norm = 0;
    for (float g : before.gradient()) {
      norm += g * g;
    }
    assertThat(norm).isGreaterThan(0);
    float[] moved = z.clone();
    for (int i = 0; i < z.length; i++) {
      moved[i] += (float) (0.05 * before.gradient()[i] / Math.sqrt(norm));
    }
    assertThat(generator.steer(moved, "a ball", terms, weights).score()).isGreaterThan(before.score());
  }
}

package workbench.model.registry;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CLIP-shaped TorchScript fixture, loaded and run through the real engine and tokenizer. */
class ClipCheckerTest {

  static ModelRegistry registry;
  static ClipChecker clip;

  @BeforeAll
  static void load() {
    registry = ModelRegistry.scan(Fixtures.dir());
    clip = registry.checker("tiny-clip");
  }

  @AfterAll
  static void close() {
    registry.close();
  }

  static BufferedImage filled(Color colour, int size) {
    var image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(colour);
    g.fillRect(0, 0, size, size);
    g.setColor(Color.WHITE);
    g.fillOval(size / 4, size / 4, size / 2, size / 2);
    g.dispose();
    return image;
  }

  @Test
  void scoresAreCLIPScoresThatDependOnImageAndText() {
    var images = List.of(filled(Color.RED, 32), filled(Color.BLUE, 32), filled(Color.GREEN, 64));
    var terms = List.of("red apple", "a blue cat on the table", "watercolor");
    float[][] cos = clip.similarity(images, terms);
    // CLIPScore's cosine: the dot product of the unit image and text embeddings.
    try (var scope = NDManager.newBaseManager(clip.device())) {
      var image = clip.imageEmbeddings(ImageArrays.of(scope, List.of(images.get(0)), 32)).normalize(2, 1);
      var texts = clip.textEmbeddings(scope, terms).normalize(2, 1);
      float[] expected = image.matMul(texts.transpose()).toFloatArray();
      for (int j = 0; j < terms.size(); j++) {
        assertThat(cos[0][j]).as(terms.get(j)).isCloseTo(expected[j], Offset.offset(1e-4f));
      }
    }
    assertThat(cos[0][0]).isNotEqualTo(cos[1][0]); // same text, other image
    assertThat(cos[0][0]).isNotEqualTo(cos[0][1]); // same image, other text
    assertThat(Arrays.stream(cos).flatMap(r -> IntStream.range(0, r.length).mapToObj(i -> r[i]))
        .anyMatch(c -> c > 0)).as("some CLIPScore above 0").isTrue();
  }

  @Test
  void sameInputsGiveTheSameScores() {
    var images = List.of(filled(Color.ORANGE, 32));
    var terms = List.of("red apple", "tart");
    assertThat(clip.similarity(images, terms)).isDeepEqualTo(clip.similarity(images, terms));
  }

  @Test
  void wordOrderMattersToTheTextEncoder() {
    var images = List.of(filled(Color.RED, 32));
    float[][] cos = clip.similarity(images, List.of("apple tart", "tart apple"));
    assertThat(cos[0][0]).isNotEqualTo(cos[0][1]);
  }

  @Test
  void imagesOfAnotherSizeAreResizedOnTheEngine() {
    try (var scope = NDManager.newBaseManager(clip.device())) {
      var small = ImageArrays.of(scope, List.of(filled(Color.RED, 32)), 32);
      var large = ImageArrays.of(scope, List.of(filled(Color.RED, 64)), 64);
      float[] a = clip.imageEmbeddings(small).toFloatArray();
      float[] b = clip.imageEmbeddings(large).toFloatArray();
      for (int i = 0; i < a.length; i++) {
        assertThat(b[i]).isCloseTo(a[i], Offset.offset(0.05f));
      }
    }
  }

  @Test
  void gradientsFlowThroughTheTorchScriptImageEncoder() {
    try (var scope = NDManager.newBaseManager(clip.device())) {
      var images = ImageArrays.of(scope, List.of(filled(Color.RED, 64)), 64); // resized on the engine, in the graph
      images.setRequiresGradient(true);
      var text = clip.textEmbeddings(scope, List.of("red apple"));
      try (var collector = scope.getEngine().newGradientCollector()) {
        var score = clip.imageEmbeddings(images).matMul(text.transpose()).sum();
        collector.backward(score);
      }
      float[] gradient = images.getGradient().toFloatArray();
      double norm = 0;
      for (float g : gradient) {
        norm += g * g;
      }
      assertThat(norm).as("d(score)/d(pixels)").isGreaterThan(0);
    }
  }
}

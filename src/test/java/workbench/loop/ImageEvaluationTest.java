package workbench.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import workbench.model.HeldOutPrompts;
import workbench.model.JudgeReading;
import workbench.model.SketchbookJudge;
import workbench.sketchbook.Sketchbook;

/**
 * The image metrics of {@code eval}, held against images whose truth is known: the renders of
 * the captions' own scenes must meet their captions and sit near the renders' distribution;
 * the seed's static must not.
 */
class ImageEvaluationTest {

  static LoopModels models;
  static SketchbookJudge judge;
  static final List<HeldOutPrompts.Prompt> SET = HeldOutPrompts.first(60, 1);

  @BeforeAll
  static void load() {
    models = LoopModels.sketchbook();
    judge = SketchbookJudge.load();
  }

  @AfterAll
  static void close() {
    judge.close();
    models.close();
  }

  @Test
  void theCaptionsOwnRendersMeetTheirCaptionsAndTheStaticDoesNot() {
    List<BufferedImage> renders = SET.stream().map(HeldOutPrompts.Prompt::render).toList();
    List<BufferedImage> statics = SET.stream()
        .map(p -> SeedStatic.of(p.seed() + p.scene().seed() % 1000, Sketchbook.IMAGE_SIZE, Sketchbook.IMAGE_SIZE))
        .toList();
    var truth = ImageEvaluation.measure(models, judge, SET, renders);
    var noise = ImageEvaluation.measure(models, judge, SET, statics);
    assertThat((double) truth.get("judge_object")).isGreaterThan(0.9);
    assertThat((double) truth.get("judge_colour")).isGreaterThan(0.9);
    assertThat((double) truth.get("judge_all")).isGreaterThan(0.7);
    assertThat((double) noise.get("judge_all")).isLessThan(0.2);
    assertThat((double) truth.get("fid_judge")).isLessThan((double) noise.get("fid_judge") / 4);
    // The checker prefers a render's caption to its hard negative nearly always, and so does the judge.
    assertThat((double) truth.get("checker_judge_agreement")).isGreaterThan(0.7);
  }

  /**
   * The shipped default's figures on eval's CI-sized sample: the first 60 held-out captions, one
   * seed each, the default steps (what {@code eval --images 60 --image-seeds 1} draws). Floors
   * about two images under what was measured when the sampler last changed (README, "The judge,
   * and what the images show today"), and the CVAE's images of the first 20 captions far behind
   * in what the judge reads. Measured with the prior of 2026-12-05f (try mm; {@code eval --json
   * --images 60 --image-seeds 1 --processes diffusion}): object 0.700, colour 0.561, position
   * 0.750, count 0.700, background 1.0, every claim 0.400, fid_judge 195 (the floors below); the
   * prior of 2026-12-06 (try nn) reads the same but position 0.778 (28 of 36) and fid_judge 199.
   * fid_judge over 60 images is biased upward and noisy: on eval's 400 these weights read 69 and
   * the afternoon's 73, here 195 and 154; its floor leaves room for that, and the CVAE comparison
   * below is what guards it. The afternoon's weights, before the perceptual chain, with the
   * guidance split along the code's main directions (2026-12-05, try bb): object 0.633, colour
   * 0.512 (of 41), position 0.722 (of 36), count 0.633, background 1.0, every claim 0.317,
   * fid_judge 154. With one guidance for all, that morning, the
   * same weights read 0.683, 0.537, 0.722, 0.683, every claim 0.383, fid_judge 153: this sample
   * is too small to rank the two (on eval's 400 images the split reads the object 0.635 against
   * 0.620, on 600 others 0.647 against 0.605), so the floors follow the shipped sampler. The
   * weights of 2026-12-04e (0.495 on the 400) read 0.600, 0.488, 0.639, 0.600, 0.300 here with
   * one guidance: under the object's, colour's, position's and every claim's floors.
   */
  @Test
  void theDefaultDiffusionModelMeetsItsFloorsOnTheCiSampleAndTheCvaeDoesNot() {
    assertThat(models.defaultProcess()).isEqualTo("diffusion");
    var drawn = ImageEvaluation.measure(models, judge, SET, ImageEvaluation.images(models, "diffusion", RecipeFactory.DEFAULT_STEPS, SET));
    assertThat((double) drawn.get("judge_object")).isGreaterThanOrEqualTo(0.66);
    assertThat((double) drawn.get("judge_colour")).isGreaterThanOrEqualTo(0.51);
    assertThat((double) drawn.get("judge_position")).isGreaterThanOrEqualTo(0.69);
    assertThat((double) drawn.get("judge_count")).isGreaterThanOrEqualTo(0.66);
    assertThat((double) drawn.get("judge_background")).isGreaterThanOrEqualTo(0.95);
    assertThat((double) drawn.get("judge_all")).isGreaterThanOrEqualTo(0.36);
    assertThat((double) drawn.get("fid_judge")).isLessThan(240.0);
    var few = SET.subList(0, 20);
    var diffusion = ImageEvaluation.measure(models, judge, few, ImageEvaluation.images(models, "diffusion", RecipeFactory.DEFAULT_STEPS, few));
    var cvae = ImageEvaluation.measure(models, judge, few, ImageEvaluation.images(models, "guided", RecipeFactory.DEFAULT_STEPS, few));
    assertThat((double) cvae.get("judge_object")).isLessThan((double) diffusion.get("judge_object"));
    assertThat((double) cvae.get("fid_judge")).isGreaterThan(2 * (double) diffusion.get("fid_judge"));
  }

  @Test
  void seedDiversityCountsFreeAttributesThatDiffer() {
    var set = HeldOutPrompts.first(30, 2);
    // Both "seeds" of a caption drawn as its own render: nothing differs.
    var same = set.stream().map(HeldOutPrompts.Prompt::render).toList();
    var readings = judge.read(same);
    assertThat(ImageEvaluation.seedDiversity(set, readings)).isZero();
    // The second seed drawn as the next caption's scene instead: free attributes now differ often.
    var shifted = new ArrayList<BufferedImage>();
    for (int i = 0; i < set.size(); i++) {
      shifted.add(set.get(i % 2 == 0 ? i : (i + 2) % set.size()).render());
    }
    assertThat(ImageEvaluation.seedDiversity(set, judge.read(shifted))).isGreaterThan(0.3);
  }

  @Test
  @SuppressWarnings("unchecked")
  void objectByKindCountsEachAskedKindAndOnlyWhereItIsSeen() {
    var set = HeldOutPrompts.first(60, 1);
    var truth = set.stream().map(p -> JudgeReading.of(p.scene())).toList();
    var byKind = ImageEvaluation.objectByKind(set, truth);
    long claims = set.stream().mapToLong(p -> p.description().objects().size()).sum();
    assertThat(byKind.values().stream().mapToLong(v -> (int) ((Map<String, Object>) v).get("n")).sum())
        .isEqualTo(claims);
    assertThat(byKind.values()).allSatisfy(v -> assertThat(((Map<String, Object>) v).get("seen")).isEqualTo(1.0));
    // Every image read as the first caption's scene: only the kinds that scene holds are seen.
    var first = JudgeReading.of(set.get(0).scene());
    var shown = first.objects().stream().map(o -> o.kind().name().toLowerCase()).toList();
    var wrong = ImageEvaluation.objectByKind(set, set.stream().map(p -> first).toList());
    wrong.forEach((kind, v) -> {
      double seen = (double) ((Map<String, Object>) v).get("seen");
      if (shown.contains(kind)) {
        assertThat(seen).as(kind).isEqualTo(1.0);
      } else {
        assertThat(seen).as(kind).isZero();
      }
    });
    assertThat(wrong.size()).isGreaterThan(shown.size());
  }

  @Test
  void frechetDistanceIsZeroForOneDistributionAndGrowsWithAShift() {
    float[][] a = new float[200][3];
    float[][] b = new float[200][3];
    var random = new SplittableRandom(3);
    for (int i = 0; i < a.length; i++) {
      for (int k = 0; k < 3; k++) {
        a[i][k] = (float) random.nextGaussian();
        b[i][k] = a[i][k] + 2f;
      }
    }
    assertThat(ImageEvaluation.frechet(a, a)).isCloseTo(0.0, Offset.offset(1e-6));
    // A pure shift by 2 in each of 3 dimensions: |m1 - m2|^2 = 12, covariances equal.
    assertThat(ImageEvaluation.frechet(a, b)).isCloseTo(12.0, Offset.offset(1e-6));
  }
}

package workbench.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import workbench.sketchbook.Caption;
import workbench.sketchbook.CaptionGrammar;
import workbench.sketchbook.Scene;
import workbench.sketchbook.Sketchbook;
import workbench.sketchbook.Split;

/** The shipped judge (src/main/resources/models/sketchbook-v1/judge.params) on held-out renders. */
class ShippedJudgeTest {

  /** The agreed bar for every head (issue 17), met or not on the card's 2,000 held-out renders. */
  static final double AGREED = 0.95;
  /**
   * The floor on this 300-render sample sits a little under the bar, as ShippedThresholds do:
   * on the card's 2,000 held-out renders every head reads 0.987 or better (fingers 1.000 on 132
   * hands since the hand was redrawn with fanned digits), but a 300-render sample holds only
   * about 20 hands, so one misread hand costs 0.05.
   */
  static final double SAMPLE_FLOOR = 0.93;
  private static final int SCENES = 300;

  private static SketchbookJudge judge;

  @BeforeAll
  static void load() {
    judge = SketchbookJudge.load();
  }

  @AfterAll
  static void close() {
    judge.close();
  }

  @Test
  void everyHeadReadsHeldOutRendersAboveTheFloor() {
    var report = JudgeEvaluation.heldOut(judge, SCENES);
    assertThat(report.perHead()).containsKeys(JudgeAccuracy.HEADS);
    assertThat(report.perHead()).allSatisfy((head, accuracy) ->
        assertThat(accuracy).as(head).isGreaterThanOrEqualTo(SAMPLE_FLOOR));
  }

  /** The card's figures (written by {@code eval --json --judge-only --write-card}) meet the bar on every head. */
  @Test
  @SuppressWarnings("unchecked")
  void theCardRecordsEveryHeadAtTheAgreedBar() {
    var figures = (Map<String, Object>) judge.card().metrics().get("judge");
    assertThat(((Number) figures.get("scenes")).intValue()).isGreaterThanOrEqualTo(2000);
    for (String head : JudgeAccuracy.HEADS) {
      assertThat(((Number) figures.get(head)).doubleValue()).as(head).isGreaterThanOrEqualTo(AGREED);
    }
  }

  @Test
  void rendersMeetTheirOwnCaptionsAndNotTheirSwaps() {
    List<Caption> captions = new ArrayList<>();
    List<Caption> swaps = new ArrayList<>();
    List<BufferedImage> images = new ArrayList<>();
    for (int i = 0; i < SCENES; i++) {
      Scene scene = Sketchbook.scene(Split.HELD_OUT.seed(i));
      var random = new SplittableRandom(i);
      Caption caption = CaptionGrammar.describe(scene, random);
      captions.add(caption);
      swaps.add(CaptionGrammar.hardNegative(caption, scene, random));
      images.add(Sketchbook.render(scene));
    }
    List<JudgeReading> readings = judge.read(images);
    int met = 0;
    int swapMet = 0;
    for (int i = 0; i < SCENES; i++) {
      met += SketchbookJudge.meets(readings.get(i), captions.get(i).description()) ? 1 : 0;
      swapMet += SketchbookJudge.meets(readings.get(i), swaps.get(i).description()) ? 1 : 0;
    }
    assertThat((double) met / SCENES).isGreaterThanOrEqualTo(0.9);
    assertThat((double) swapMet / SCENES).isLessThanOrEqualTo(0.1);
  }

  @Test
  void theSameImageReadsTheSameWhateverItsBatch() {
    var image = Sketchbook.render(Sketchbook.scene(Split.HELD_OUT.seed(5)));
    var alone = judge.read(List.of(image)).get(0);
    var batched = judge.read(List.of(Sketchbook.render(Sketchbook.scene(Split.HELD_OUT.seed(6))), image)).get(1);
    assertThat(batched.objects()).hasSameSizeAs(alone.objects());
    assertThat(batched.background()).isEqualTo(alone.background());
    assertThat(batched.objects().get(0).asSceneObject()).isEqualTo(alone.objects().get(0).asSceneObject());
  }
}

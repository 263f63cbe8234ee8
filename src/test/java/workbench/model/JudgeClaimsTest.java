package workbench.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import workbench.sketchbook.Attribute;
import workbench.sketchbook.Caption;
import workbench.sketchbook.CaptionGrammar;
import workbench.sketchbook.Description;
import workbench.sketchbook.ObjectClaim;
import workbench.sketchbook.Position;
import workbench.sketchbook.Scene;
import workbench.sketchbook.Sketchbook;
import workbench.sketchbook.Split;

/**
 * The judge's reading of claims, on the ground truth of real scenes (no network): a caption of a
 * scene is met, the same caption with one attribute swapped is not, and on every pair of scene
 * and caption the judge's rule agrees with the Sketchbook's own {@code isTrueFor}.
 */
class JudgeClaimsTest {

  private static final int SCENES = 1000;

  @Test
  void truthfulCaptionsAreMetAndSwappedOnesAreNot() {
    Map<Attribute, Integer> swapped = new EnumMap<>(Attribute.class);
    for (int i = 0; i < SCENES; i++) {
      Scene scene = Sketchbook.scene(Split.HELD_OUT.seed(i));
      var random = new SplittableRandom(i);
      Caption caption = CaptionGrammar.describe(scene, random);
      JudgeReading truth = JudgeReading.of(scene);
      assertThat(SketchbookJudge.meets(truth, caption.description())).as(caption.text()).isTrue();
      for (Attribute attribute : Attribute.values()) {
        assertThat(SketchbookJudge.meets(truth, caption.description(), attribute)).as(caption.text()).isTrue();
        var negative = CaptionGrammar.swap(caption, scene, attribute, random);
        if (negative.isPresent()) {
          String text = negative.get().text() + " for " + caption.text();
          assertThat(SketchbookJudge.meets(truth, negative.get().description())).as(text).isFalse();
          assertThat(SketchbookJudge.meets(truth, negative.get().description(), attribute)).as(text).isFalse();
          swapped.merge(attribute, 1, Integer::sum);
        }
      }
    }
    // Every attribute was really swapped often enough for the test to mean something (hands
    // with their fingers said are the rarest: about one caption in thirty).
    assertThat(swapped).containsOnlyKeys(Attribute.values());
    assertThat(swapped.values()).allMatch(n -> n >= 20);
  }

  @Test
  void agreesWithTheSketchbookOnEveryPairOfSceneAndCaption() {
    List<Scene> scenes = new ArrayList<>();
    List<Caption> captions = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      Scene scene = Sketchbook.scene(Split.HELD_OUT.seed(i));
      scenes.add(scene);
      captions.add(CaptionGrammar.describe(scene, new SplittableRandom(i)));
    }
    int trueElsewhere = 0;
    for (Scene scene : scenes) {
      JudgeReading truth = JudgeReading.of(scene);
      for (Caption caption : captions) {
        boolean expected = caption.description().isTrueFor(scene);
        assertThat(SketchbookJudge.meets(truth, caption.description())).as(caption.text()).isEqualTo(expected);
        if (expected && !captions.get(scenes.indexOf(scene)).equals(caption)) {
          trueElsewhere++;
        }
      }
    }
    // Loose captions ("an apple") are true of other scenes too: both answers were exercised.
    assertThat(trueElsewhere).isPositive();
  }

  @Test
  void aClaimNeedsAGroupOfItsOwn() {
    Scene two = null;
    for (long s = 0; two == null; s++) {
      Scene scene = Sketchbook.scene(Split.HELD_OUT.seed(s));
      if (scene.objects().size() == 2) {
        two = scene;
      }
    }
    var first = two.objects().get(0);
    var claim = new ObjectClaim(first.kind(), null, null, null, first.count(), 0);
    var once = new Description(null, null, List.of(claim));
    var twice = new Description(null, null, List.of(claim, claim));
    JudgeReading truth = JudgeReading.of(two);
    assertThat(SketchbookJudge.meets(truth, once)).isTrue();
    assertThat(SketchbookJudge.meets(truth, twice)).isFalse();
    assertThat(SketchbookJudge.meets(truth, twice, Attribute.OBJECT)).isFalse();
    // A reading with the object elsewhere fails the position claim but still sees the object.
    var moved = new Description(null, null, List.of(new ObjectClaim(
        first.kind(), null, null, first.position() == Position.CENTRE ? Position.LEFT : Position.CENTRE,
        first.count(), 0)));
    assertThat(SketchbookJudge.meets(truth, moved, Attribute.OBJECT)).isTrue();
    assertThat(SketchbookJudge.meets(truth, moved, Attribute.POSITION)).isFalse();
  }
}

package workbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

/**
 * The training runs' learning rate by update ({@link DiffusionTraining#learningRate}): DJL counts
 * an optimizer's updates from 1 on each start, so update {@code n} of a run resumed after step
 * {@code first} is its step {@code first + n}.
 */
class LearningRateTest {

  @Test
  void withoutAFinalRateTheRateIsHeldAfterTheWarmUpAsBefore() {
    Tracker rate = DiffusionTraining.learningRate(5e-4f, 5e-4f, 200, 2000, 0);
    Tracker djl = Tracker.warmUp().optWarmUpBeginValue(5e-4f / 50).optWarmUpSteps(200)
        .setMainTracker(Tracker.fixed(5e-4f)).build();
    for (int update : new int[] {1, 100, 199, 200, 1000, 2000}) {
      assertThat(rate.getNewValue(update)).as("update %d", update).isEqualTo(djl.getNewValue(update));
    }
    assertThat(rate.getNewValue(2000)).isEqualTo(5e-4f);
  }

  @Test
  void aFinalRateDecaysAlongHalfACosineToItAtTheLastStep() {
    Tracker rate = DiffusionTraining.learningRate(1e-4f, 1e-6f, 100, 2100, 0);
    assertThat(rate.getNewValue(100)).isCloseTo(1e-4f, within(1e-9f));
    // Half-way between the warm-up's end and the last step: half-way between the two rates.
    assertThat(rate.getNewValue(1100)).isCloseTo((1e-4f + 1e-6f) / 2, within(1e-9f));
    assertThat(rate.getNewValue(2100)).isCloseTo(1e-6f, within(1e-12f));
    float before = Float.MAX_VALUE;
    for (int update = 100; update <= 2100; update += 50) {
      assertThat(rate.getNewValue(update)).as("update %d", update).isLessThan(before);
      before = rate.getNewValue(update);
    }
    // The warm-up still ramps from a fiftieth.
    assertThat(rate.getNewValue(1)).isLessThan(1e-4f / 20);
    assertThat(rate.getNewValue(50)).isBetween(1e-4f / 3, 1e-4f * 2 / 3);
  }

  @Test
  void aResumedRunGoesOnDownTheSameCurveAfterItsOwnWarmUp() {
    Tracker whole = DiffusionTraining.learningRate(1e-4f, 1e-6f, 100, 3000, 0);
    Tracker resumed = DiffusionTraining.learningRate(1e-4f, 1e-6f, 100, 3000, 1500);
    // Adam's moments start afresh on resume, so the rate ramps again, up to the curve at that step.
    assertThat(resumed.getNewValue(1)).isLessThan(whole.getNewValue(1501) / 20);
    for (int update : new int[] {100, 500, 1500}) {
      assertThat(resumed.getNewValue(update)).as("update %d", update)
          .isCloseTo(whole.getNewValue(1500 + update), within(1e-10f));
    }
    assertThat(resumed.getNewValue(1500)).isCloseTo(1e-6f, within(1e-12f));
  }

  @Test
  void aFinalRateAboveTheRateOrNotAboveZeroIsRefused() {
    assertThatThrownBy(() -> DiffusionTraining.learningRate(1e-4f, 2e-4f, 100, 1000, 0))
        .hasMessageContaining("final learning rate 2.0E-4").hasMessageContaining("at most the learning rate 1.0E-4");
    assertThatThrownBy(() -> DiffusionTraining.learningRate(1e-4f, 0f, 100, 1000, 0))
        .hasMessageContaining("above 0");
  }
}

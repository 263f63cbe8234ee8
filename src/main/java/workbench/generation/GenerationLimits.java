package workbench.generation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Generation settings, bound from {@code workbench.generation.*}.
 *
 * @param maxSteps the most steps one run may take
 * @param defaultSteps steps when a request does not say
 * @param workers runs (or batches) executed at once by this instance
 * @param previewEvery push a preview image every this many steps
 */
@ConfigurationProperties("workbench.generation")
public record GenerationLimits(
    @DefaultValue("200") int maxSteps,
    @DefaultValue("40") int defaultSteps,
    @DefaultValue("1") int workers,
    @DefaultValue("5") int previewEvery) {

  public static GenerationLimits defaults() {
    return new GenerationLimits(200, 40, 1, 5);
  }
}

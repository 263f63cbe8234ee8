package workbench.run;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import workbench.loop.RecipeFactory;

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
    @DefaultValue("" + RecipeFactory.MAX_STEPS) int maxSteps,
    @DefaultValue("" + RecipeFactory.DEFAULT_STEPS) int defaultSteps,
    @DefaultValue("1") int workers,
    @DefaultValue("5") int previewEvery) {}

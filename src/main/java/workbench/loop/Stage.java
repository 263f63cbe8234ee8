package workbench.loop;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stretch of the loop with its own settings, from {@code fromStep} on: coarse blobs first,
 * details later, as the seed page says. Settings are named numbers the art process reads.
 */
public record Stage(int fromStep, Map<String, Double> settings) {

  public Stage {
    settings = Collections.unmodifiableMap(new TreeMap<>(RecipeParts.inEntry("a stage", "settings", settings)));
  }

  public double setting(String name, double otherwise) {
    return settings.getOrDefault(name, otherwise);
  }
}

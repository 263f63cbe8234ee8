package workbench.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The peers' own published cases, kept with their sources under {@code src/test/resources/
 * peer-cases}: A1111's prompt_parser.py doctests, Compel's test_prompt_parser.py, Midjourney's
 * Multi Prompts, No and parameter pages. A case passes when every letter and digit gets the
 * weight the peer gives it (at every step, for schedules), or when the peer's construct is one
 * the README names unsupported and the parser refuses it at the right column saying what. The
 * rate is written to {@code target/peer-cases.txt}; at least 98% must pass.
 */
class PeerCasesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double TOLERANCE = 1e-6;

  /** A letter or digit and the weight it ends up with. */
  record Weighted(int codePoint, double weight) {}

  @Test
  void atLeast98PercentOfPeerCasesPass() throws IOException {
    var failures = new ArrayList<String>();
    int total = 0;
    var report = new StringBuilder();
    for (var file : List.of("a1111.json", "compel.json", "midjourney.json")) {
      var root = read(file);
      var dialect = Dialect.fromId(root.get("dialect").asText());
      int passed = 0;
      int cases = 0;
      for (var c : root.get("cases")) {
        cases++;
        String why = check(dialect, c);
        if (why == null) {
          passed++;
        } else {
          failures.add(dialect.id() + " " + c.get("input") + ": " + why
              + " [" + c.get("source").asText() + "]");
        }
      }
      total += cases;
      report.append(String.format(Locale.ROOT, "%s: %d of %d pass%n", dialect.id(), passed, cases));
    }
    double rate = 1 - failures.size() / (double) total;
    report.append(String.format(Locale.ROOT, "all: %d of %d pass (%.1f%%)%n",
        total - failures.size(), total, 100 * rate));
    failures.forEach(f -> report.append("FAIL ").append(f).append('\n'));
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/peer-cases.txt"), report);
    assertThat(total).as("peer cases read").isGreaterThan(200);
    assertThat(rate).as(report.toString()).isGreaterThanOrEqualTo(0.98);
  }

  /** Null when the case passes, else what went wrong. */
  static String check(Dialect dialect, JsonNode c) {
    String input = c.get("input").asText();
    WeightedPrompt parsed;
    try {
      parsed = PromptParser.parse(input, dialect);
    } catch (PromptSyntaxException e) {
      if (!c.has("refused")) {
        return "refused: " + e.getMessage();
      }
      var refused = c.get("refused");
      if (e.column() != refused.get("column").asInt()) {
        return "refused at column " + e.column() + ", not " + refused.get("column").asInt()
            + ": " + e.getMessage();
      }
      String says = refused.get("says").asText().toLowerCase(Locale.ROOT);
      return e.getMessage().toLowerCase(Locale.ROOT).contains(says) ? null
          : "refused without saying '" + says + "': " + e.getMessage();
    }
    if (c.has("refused")) {
      return "parsed, but should be refused: " + parsed.terms();
    }
    if (c.has("schedule")) {
      return checkSchedule(parsed, c);
    }
    var expected = c.has("parts") ? partsWeights(c) : fragmentWeights(c.get("fragments"), 1);
    var actual = termWeights(parsed.terms());
    boolean relative = c.path("relative").asBoolean(false);
    String why = compare(relative ? relative(expected) : expected,
        relative ? relative(actual) : actual);
    if (why != null) {
      return why;
    }
    if (c.has("sameAs")) {
      var same = PromptParser.parse(c.get("sameAs").asText(), dialect);
      if (!same.texts().equals(parsed.texts())
          || compare(same.normalisedWeights(), parsed.normalisedWeights()) != null) {
        return "not the same as '" + c.get("sameAs").asText() + "': " + parsed.terms() + " vs "
            + same.terms();
      }
    }
    if (c.has("seed") && parsed.seed().orElse(-1) != c.get("seed").asLong()) {
      return "seed " + parsed.seed() + ", not " + c.get("seed").asLong();
    }
    return null;
  }

  /** At every step the active terms weigh each letter as A1111's text for that step does. */
  private static String checkSchedule(WeightedPrompt parsed, JsonNode c) {
    int steps = c.get("steps").asInt();
    var schedule = c.get("schedule");
    for (int step = 1; step <= steps; step++) {
      String text = null;
      for (var entry : schedule) {
        if (step <= entry.get(0).asInt()) {
          text = entry.get(1).asText();
          break;
        }
      }
      var expected = text == null || text.isBlank() ? List.<Weighted>of()
          : termWeights(PromptParser.parse(text, Dialect.A1111).terms());
      var actual = termWeights(parsed.termsAt(step, steps));
      String why = compare(expected, actual);
      if (why != null) {
        return "step " + step + " of " + steps + " ('" + text + "'): " + why;
      }
    }
    return null;
  }

  /** Compel's .and()/.blend(): each part's fragments times its weight (a blend's share). */
  private static List<Weighted> partsWeights(JsonNode c) {
    var weights = new ArrayList<Double>();
    c.get("weights").forEach(w -> weights.add(w.asDouble()));
    double sum = weights.stream().mapToDouble(Double::doubleValue).sum();
    boolean shares = c.get("blend").asBoolean() && c.get("normalize").asBoolean();
    var out = new ArrayList<Weighted>();
    var parts = c.get("parts");
    for (int i = 0; i < parts.size(); i++) {
      out.addAll(fragmentWeights(parts.get(i), shares ? weights.get(i) / sum : weights.get(i)));
    }
    return out;
  }

  private static List<Weighted> fragmentWeights(JsonNode fragments, double factor) {
    var out = new ArrayList<Weighted>();
    for (var fragment : fragments) {
      add(out, fragment.get(0).asText(), factor * fragment.get(1).asDouble());
    }
    return out;
  }

  private static List<Weighted> termWeights(List<Term> terms) {
    var out = new ArrayList<Weighted>();
    terms.forEach(t -> add(out, t.text(), t.weight()));
    return out;
  }

  private static void add(List<Weighted> out, String text, double weight) {
    text.codePoints().filter(Character::isLetterOrDigit)
        .forEach(cp -> out.add(new Weighted(cp, weight)));
  }

  /** Weights over the largest positive one: Midjourney's weights are relative. */
  private static List<Weighted> relative(List<Weighted> weights) {
    double max = weights.stream().mapToDouble(Weighted::weight).max().orElse(1);
    return weights.stream().map(w -> new Weighted(w.codePoint(), w.weight() / max)).toList();
  }

  private static String compare(List<?> expected, List<?> actual) {
    if (expected.size() != actual.size()) {
      return "expected " + show(expected) + " but got " + show(actual);
    }
    for (int i = 0; i < expected.size(); i++) {
      double e = weightOf(expected.get(i));
      double a = weightOf(actual.get(i));
      boolean sameChar = !(expected.get(i) instanceof Weighted we)
          || we.codePoint() == ((Weighted) actual.get(i)).codePoint();
      if (!sameChar || Math.abs(e - a) > TOLERANCE) {
        return "expected " + show(expected) + " but got " + show(actual);
      }
    }
    return null;
  }

  private static double weightOf(Object o) {
    return o instanceof Weighted w ? w.weight() : (Double) o;
  }

  /** "abc=1.1 de=1" runs of equal weight, to read a failure at a glance. */
  private static String show(List<?> weights) {
    var out = new StringBuilder();
    Double last = null;
    for (var o : weights) {
      double w = weightOf(o);
      if (last == null || Math.abs(last - w) > TOLERANCE) {
        if (last != null) {
          out.append('=').append(Weights.format(last)).append(' ');
        }
        last = w;
      }
      out.append(o instanceof Weighted x ? Character.toString(x.codePoint()) : "?");
    }
    return last == null ? "(nothing)" : out.append('=').append(Weights.format(last)).toString();
  }

  private static JsonNode read(String file) throws IOException {
    try (InputStream in = PeerCasesTest.class.getResourceAsStream("/peer-cases/" + file)) {
      assertThat(in).as(file).isNotNull();
      return JSON.readTree(in);
    }
  }
}

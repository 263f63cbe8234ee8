package workbench.sketchbook;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the claims a text makes about a Sketchbook scene: the inverse of {@link CaptionGrammar}
 * for its captions, and forgiving enough for the prompts people type ("a hand, five fingers",
 * "red apple on a table, watercolour"). Words outside the Sketchbook make no claim and are
 * reported in {@link Read#ignored()}; the judge cannot check them.
 *
 * <p>It refuses (with {@link UnreadableCaptionException}) what it cannot read as claims: a text
 * naming no Sketchbook object, two styles or backgrounds, or a plural with no number ("apples":
 * the judge checks a count, so the text must say one).
 */
public final class CaptionReader {

  private static final Map<String, Integer> NUMBERS =
      Map.of("one", 1, "two", 2, "three", 3, "four", 4, "five", 5, "six", 6);
  private static final Map<String, Position> POSITIONS = Map.of("left", Position.LEFT, "right", Position.RIGHT,
      "top", Position.TOP, "bottom", Position.BOTTOM, "centre", Position.CENTRE, "center", Position.CENTRE,
      "middle", Position.CENTRE);
  private static final Map<String, Style> STYLES = Map.ofEntries(Map.entry("flat", Style.FLAT),
      Map.entry("outline", Style.OUTLINE), Map.entry("sketch", Style.OUTLINE), Map.entry("line", Style.OUTLINE),
      Map.entry("striped", Style.STRIPED), Map.entry("stripy", Style.STRIPED), Map.entry("dotted", Style.DOTTED),
      Map.entry("polka", Style.DOTTED), Map.entry("dot", Style.DOTTED), Map.entry("watercolour", Style.WATERCOLOUR),
      Map.entry("watercolor", Style.WATERCOLOUR), Map.entry("pixel", Style.PIXEL_ART),
      Map.entry("pixelated", Style.PIXEL_ART));
  private static final Map<String, Background> BACKGROUNDS = Map.of("paper", Background.PAPER, "table", Background.TABLE,
      "sky", Background.SKY, "grass", Background.GRASS, "night", Background.NIGHT);
  /** Words of the Sketchbook's phrasing that claim nothing by themselves. */
  private static final Set<String> NEUTRAL = Set.of("a", "an", "the", "of", "on", "at", "in", "to", "and", "next",
      "beside", "against", "with", "fingers", "finger", "plain", "wooden", "colour", "color", "drawing", "painting",
      "blurry", "art", "style");

  private CaptionReader() {}

  /** The claims, and the words that made none (not Sketchbook words). */
  public record Read(Description description, List<String> ignored) {
    public Read {
      ignored = List.copyOf(ignored);
    }
  }

  /** An object phrase being read: what was said before its noun, and after. */
  private static final class Claim {
    @Nullable ObjectKind kind;
    boolean plural;
    @Nullable Integer count;
    @Nullable Colour colour;
    @Nullable Size size;
    @Nullable Position position;
    int fingers;
  }

  public static Read read(String text) {
    String[] words = text.toLowerCase(Locale.ROOT).split("[^a-z]+");
    Style style = null;
    Background background = null;
    List<Claim> claims = new ArrayList<>();
    Claim pending = new Claim(); // what was said before the next noun
    Set<String> ignored = new LinkedHashSet<>();
    List<String> w = new ArrayList<>();
    for (String word : words) {
      if (!word.isEmpty()) {
        w.add(word);
      }
    }
    for (int i = 0; i < w.size(); i++) {
      String word = w.get(i);
      String next = i + 1 < w.size() ? w.get(i + 1) : "";
      ObjectKind kind = null;
      boolean plural = false;
      if (word.equals("apple") && (next.equals("tart") || next.equals("tarts"))) {
        kind = ObjectKind.APPLE_TART;
        plural = next.equals("tarts");
        i++;
      } else {
        for (ObjectKind k : ObjectKind.values()) {
          if (k != ObjectKind.APPLE_TART && (word.equals(k.singular()) || word.equals(k.plural()))) {
            kind = k;
            // "fish" is both: read as one unless a number says otherwise.
            plural = !word.equals(k.singular());
          }
        }
      }
      if (kind != null) {
        pending.kind = kind;
        pending.plural = plural;
        claims.add(pending);
        pending = new Claim();
        continue;
      }
      Integer number = NUMBERS.get(word);
      if (number != null && (next.equals("fingers") || next.equals("finger"))) {
        // "with five fingers" after a hand; "five fingers" as its own term of a multi-prompt.
        Claim hand = lastHand(claims);
        (hand == null ? pending : hand).fingers = number;
        i++;
      } else if (number != null) {
        pending.count = number;
      } else if (word.equals("a") || word.equals("an")) {
        continue;
      } else if (word.equals("small") || word.equals("big")) {
        pending.size = word.equals("small") ? Size.SMALL : Size.BIG;
      } else if (colour(word) != null) {
        pending.colour = colour(word);
      } else if (POSITIONS.containsKey(word)) {
        // "on the left" follows its noun; before any noun it waits for one.
        Claim last = claims.isEmpty() ? pending : claims.get(claims.size() - 1);
        last.position = POSITIONS.get(word);
      } else if (STYLES.containsKey(word)) {
        Style s = STYLES.get(word);
        if (style != null && style != s) {
          throw new UnreadableCaptionException("'" + text.strip() + "' names two styles: " + name(style) + " and " + name(s));
        }
        style = s;
      } else if (BACKGROUNDS.containsKey(word)) {
        Background b = BACKGROUNDS.get(word);
        if (background != null && background != b) {
          throw new UnreadableCaptionException(
              "'" + text.strip() + "' names two backgrounds: " + name(background) + " and " + name(b));
        }
        background = b;
      } else if (!NEUTRAL.contains(word)) {
        ignored.add(word);
      }
    }
    if (claims.isEmpty()) {
      throw new UnreadableCaptionException("'" + text.strip() + "' names no Sketchbook object (apple, hand, house …)");
    }
    // List form ("balls, three, red, on the left"): what follows the one noun is about it.
    Claim last = claims.get(claims.size() - 1);
    last.count = last.count == null ? pending.count : last.count;
    last.colour = last.colour == null ? pending.colour : last.colour;
    last.size = last.size == null ? pending.size : last.size;
    last.fingers = last.fingers == 0 ? pending.fingers : last.fingers;
    List<ObjectClaim> out = new ArrayList<>();
    for (Claim c : claims) {
      ObjectKind kind = Objects.requireNonNull(c.kind);
      int count;
      if (c.count != null) {
        count = c.count;
      } else if (!c.plural) {
        count = 1;
      } else {
        throw new UnreadableCaptionException("'" + text.strip() + "' says '" + kind.plural()
            + "' without how many: the judge checks a count (two, three …)");
      }
      out.add(new ObjectClaim(kind, c.colour, c.size, c.position, count, c.fingers));
    }
    return new Read(new Description(style, background, out), new ArrayList<>(ignored));
  }

  private static @Nullable Claim lastHand(List<Claim> claims) {
    for (int i = claims.size() - 1; i >= 0; i--) {
      if (claims.get(i).kind == ObjectKind.HAND) {
        return claims.get(i);
      }
    }
    return claims.isEmpty() ? null : claims.get(claims.size() - 1);
  }

  private static @Nullable Colour colour(String word) {
    for (Colour c : Colour.values()) {
      if (c.word().equals(word)) {
        return c;
      }
    }
    return null;
  }

  private static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}

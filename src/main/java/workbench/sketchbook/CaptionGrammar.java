package workbench.sketchbook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Captions for scenes. {@link #describe} picks which true attributes to mention; {@link #text}
 * words a description, the phrasing drawn from a wording seed; {@link #swap} makes the hard
 * negative: the same wording with one claim changed to a value that is false for the scene.
 */
public final class CaptionGrammar {

  private static final String[] NUMBERS = {"", "one", "two", "three", "four", "five", "six"};

  private CaptionGrammar() {}

  public static Caption describe(Scene scene, SplittableRandom random) {
    return describe(scene, random, null).orElseThrow();
  }

  /** A caption that surely mentions {@code must}; empty when the scene cannot (fingers, no hand). */
  public static Optional<Caption> describe(Scene scene, SplittableRandom random, @Nullable Attribute must) {
    if (must == Attribute.FINGERS && !scene.has(ObjectKind.HAND)) {
      return Optional.empty();
    }
    List<ObjectClaim> claims = new ArrayList<>();
    List<SceneObject> objects = new ArrayList<>(scene.objects());
    if (objects.size() == 2 && random.nextBoolean()) {
      Collections.reverse(objects);
    }
    if (must == Attribute.FINGERS && objects.get(0).kind() != ObjectKind.HAND) {
      Collections.reverse(objects);
    }
    for (int i = 0; i < objects.size(); i++) {
      if (i > 0 && random.nextDouble() < 0.2) {
        break; // sometimes only one of two objects is mentioned
      }
      SceneObject o = objects.get(i);
      boolean first = i == 0;
      claims.add(new ObjectClaim(
          o.kind(),
          say(random, 0.7, first && must == Attribute.COLOUR) ? o.colour() : null,
          say(random, 0.45, first && must == Attribute.SIZE) ? o.size() : null,
          say(random, 0.55, first && must == Attribute.POSITION) ? o.position() : null,
          o.count(),
          o.kind() == ObjectKind.HAND && say(random, 0.7, first && must == Attribute.FINGERS) ? o.fingers() : 0));
    }
    var description = new Description(
        say(random, 0.45, must == Attribute.STYLE) ? scene.style() : null,
        say(random, 0.45, must == Attribute.BACKGROUND) ? scene.background() : null,
        claims);
    long wording = random.nextLong();
    return Optional.of(new Caption(text(description, wording), description, wording));
  }

  /** A hard negative changing one mentioned attribute, picked at random. */
  public static Caption hardNegative(Caption caption, Scene scene, SplittableRandom random) {
    List<Attribute> said = new ArrayList<>(caption.description().mentioned());
    Collections.shuffle(said, new Random(random.nextLong()));
    for (Attribute attribute : said) {
      Optional<Caption> negative = swap(caption, scene, attribute, random);
      if (negative.isPresent()) {
        return negative.get();
      }
    }
    throw new IllegalStateException("no attribute to swap in " + caption.text());
  }

  /** The caption with {@code attribute} of its first object phrase (or the scene) made false. */
  public static Optional<Caption> swap(Caption caption, Scene scene, Attribute attribute, SplittableRandom random) {
    Description d = caption.description();
    ObjectClaim c = d.objects().get(0);
    SceneObject o = scene.objects().stream().filter(x -> x.kind() == c.kind()).findFirst().orElseThrow();
    Description changed = switch (attribute) {
      case STYLE -> d.style() == null ? null : new Description(other(random, Style.values(), scene.style()), d.background(), d.objects());
      case BACKGROUND -> d.background() == null ? null
          : new Description(d.style(), other(random, Background.values(), scene.background()), d.objects());
      // A hand that becomes something else loses its fingers: "a ball with five fingers" is no Sketchbook caption.
      case OBJECT -> withFirst(d, new ObjectClaim(
          absentKind(random, scene), c.colour(), c.size(), c.position(), c.count(), 0));
      case COLOUR -> c.colour() == null ? null : withFirst(d, new ObjectClaim(
          c.kind(), other(random, Colour.values(), o.colour()), c.size(), c.position(), c.count(), c.fingers()));
      case SIZE -> c.size() == null ? null : withFirst(d, new ObjectClaim(
          c.kind(), c.colour(), other(random, Size.values(), o.size()), c.position(), c.count(), c.fingers()));
      case POSITION -> c.position() == null ? null : withFirst(d, new ObjectClaim(
          c.kind(), c.colour(), c.size(), other(random, Position.values(), o.position()), c.count(), c.fingers()));
      case COUNT -> withFirst(d, new ObjectClaim(
          c.kind(), c.colour(), c.size(), c.position(), other(random, new Integer[] {1, 2, 3}, o.count()), c.fingers()));
      case FINGERS -> c.fingers() == 0 ? null : withFirst(d, new ObjectClaim(
          c.kind(), c.colour(), c.size(), c.position(), c.count(), other(random, new Integer[] {3, 4, 5, 6}, o.fingers())));
    };
    if (changed == null) {
      return Optional.empty();
    }
    return Optional.of(new Caption(text(changed, caption.wording()), changed, caption.wording()));
  }

  /** Words a description; the same description and wording seed always give the same text. */
  public static String text(Description d, long wording) {
    var w = new SplittableRandom(wording);
    boolean list = d.objects().size() == 1 && w.nextDouble() < 0.25;
    String text = list ? listForm(d, w) : sentence(d, w);
    return text.replaceAll(" +", " ").trim();
  }

  private static String sentence(Description d, SplittableRandom w) {
    boolean single = d.objects().size() == 1;
    String styleAdjective = "";
    Style style = d.style();
    boolean styleAsAdjective = single && style != null
        && (style == Style.STRIPED || style == Style.DOTTED || style == Style.FLAT) && w.nextBoolean();
    if (styleAsAdjective) {
      styleAdjective = styleWord(style, w);
    }
    List<String> phrases = new ArrayList<>();
    for (ObjectClaim claim : d.objects()) {
      phrases.add(objectPhrase(claim, phrases.isEmpty() ? styleAdjective : "", w));
    }
    String joiner = pick(w, " and ", " and ", " next to ", " beside ");
    String body = String.join(joiner, phrases);
    if (d.background() != null) {
      body += " " + backgroundPhrase(d.background(), w);
    }
    if (style == null || styleAsAdjective) {
      return body;
    }
    String s = styleWord(style, w);
    return switch (w.nextInt(3)) {
      case 0 -> article(s) + " " + s + (style == Style.STRIPED || style == Style.DOTTED ? " drawing" : "") + " of " + body;
      case 1 -> body + ", " + s;
      default -> style == Style.WATERCOLOUR || style == Style.PIXEL_ART
          ? body + " in " + s + (style == Style.PIXEL_ART ? " style" : "")
          : body + ", " + s;
    };
  }

  private static String objectPhrase(ObjectClaim c, String styleAdjective, SplittableRandom w) {
    StringBuilder rest = new StringBuilder();
    rest.append(styleAdjective).append(' ');
    if (c.size() != null) {
      rest.append(c.size().name().toLowerCase()).append(' ');
    }
    if (c.colour() != null) {
      rest.append(c.colour().word()).append(' ');
    }
    rest.append(c.kind().noun(c.count()));
    if (c.fingers() != 0) {
      rest.append(" with ").append(NUMBERS[c.fingers()]).append(" fingers");
    }
    if (c.position() != null) {
      rest.append(' ').append(positionPhrase(c.position(), w));
    }
    String words = rest.toString().trim();
    String determiner = c.count() == 1 ? (w.nextDouble() < 0.8 ? article(words) : "one") : NUMBERS[c.count()];
    return determiner + " " + words;
  }

  private static String listForm(Description d, SplittableRandom w) {
    ObjectClaim c = d.objects().get(0);
    List<String> items = new ArrayList<>();
    if (c.count() > 1 || w.nextDouble() < 0.3) {
      items.add(NUMBERS[c.count()]);
    }
    if (c.size() != null) {
      items.add(c.size().name().toLowerCase());
    }
    if (c.colour() != null) {
      items.add(c.colour().word());
    }
    if (c.position() != null) {
      items.add(pick(w, positionWord(c.position(), w), positionPhrase(c.position(), w)));
    }
    if (c.fingers() != 0) {
      items.add(NUMBERS[c.fingers()] + " fingers");
    }
    if (d.style() != null) {
      items.add(styleWord(d.style(), w));
    }
    if (d.background() != null) {
      items.add(pick(w, backgroundPhrase(d.background(), w), backgroundShort(d.background())));
    }
    Collections.shuffle(items, new Random(w.nextLong()));
    items.add(0, c.kind().noun(c.count()));
    return String.join(", ", items);
  }

  private static String positionWord(Position p, SplittableRandom w) {
    return p == Position.CENTRE ? pick(w, "centre", "center", "middle") : p.word();
  }

  private static String positionPhrase(Position p, SplittableRandom w) {
    return switch (p) {
      case LEFT -> pick(w, "on the left", "at the left", "to the left");
      case RIGHT -> pick(w, "on the right", "at the right", "to the right");
      case TOP -> pick(w, "at the top", "at the top");
      case BOTTOM -> pick(w, "at the bottom", "at the bottom");
      case CENTRE -> pick(w, "in the centre", "in the middle", "in the center");
    };
  }

  private static String backgroundPhrase(Background b, SplittableRandom w) {
    return switch (b) {
      case PAPER -> pick(w, "on plain paper", "on paper");
      case TABLE -> pick(w, "on a table", "on the table", "on a wooden table");
      case SKY -> pick(w, "in the sky", "against the sky");
      case GRASS -> pick(w, "on grass", "on the grass", "in the grass");
      case NIGHT -> pick(w, "at night", "at night", "in the night");
    };
  }

  private static String backgroundShort(Background b) {
    return switch (b) {
      case PAPER -> "paper";
      case TABLE -> "on table";
      case SKY -> "sky";
      case GRASS -> "grass";
      case NIGHT -> "night";
    };
  }

  private static String styleWord(Style s, SplittableRandom w) {
    return switch (s) {
      case FLAT -> pick(w, "flat", "flat colour");
      case OUTLINE -> pick(w, "outline sketch", "sketch", "outline drawing", "line drawing");
      case STRIPED -> pick(w, "striped", "stripy");
      case DOTTED -> pick(w, "dotted", "polka dot");
      case WATERCOLOUR -> pick(w, "watercolour", "blurry watercolour", "watercolor", "watercolour painting");
      case PIXEL_ART -> pick(w, "pixel art", "pixelated");
    };
  }

  private static String article(String next) {
    return "aeiou".indexOf(next.isEmpty() ? 'x' : next.charAt(0)) >= 0 ? "an" : "a";
  }

  private static Description withFirst(Description d, ObjectClaim first) {
    List<ObjectClaim> claims = new ArrayList<>(d.objects());
    claims.set(0, first);
    return new Description(d.style(), d.background(), claims);
  }

  private static ObjectKind absentKind(SplittableRandom random, Scene scene) {
    List<ObjectKind> kinds = new ArrayList<>(Arrays.asList(ObjectKind.values()));
    kinds.removeIf(scene::has);
    return kinds.get(random.nextInt(kinds.size()));
  }

  private static <T> T other(SplittableRandom random, T[] values, T not) {
    T value;
    do {
      value = values[random.nextInt(values.length)];
    } while (value.equals(not));
    return value;
  }

  private static boolean say(SplittableRandom random, double p, boolean must) {
    return random.nextDouble() < p || must;
  }

  @SafeVarargs
  private static <T> T pick(SplittableRandom w, T... options) {
    return options[w.nextInt(options.length)];
  }
}

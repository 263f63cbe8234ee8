package workbench.sketchbook;

import java.util.List;

/** The things a Sketchbook scene can show. "apple tart" is one thing (a pie with apple slices). */
public enum ObjectKind {
  APPLE("apple", "apples"),
  PEAR("pear", "pears"),
  BANANA("banana", "bananas"),
  BALL("ball", "balls"),
  BOX("box", "boxes"),
  TREE("tree", "trees"),
  HOUSE("house", "houses"),
  SUN("sun", "suns"),
  MOON("moon", "moons"),
  STAR("star", "stars"),
  FLOWER("flower", "flowers"),
  CUP("cup", "cups"),
  FISH("fish", "fish"),
  FACE("face", "faces"),
  HAND("hand", "hands"),
  TART("tart", "tarts"),
  APPLE_TART("apple tart", "apple tarts");

  private final String singular;
  private final String plural;

  ObjectKind(String singular, String plural) {
    this.singular = singular;
    this.plural = plural;
  }

  public String singular() {
    return singular;
  }

  public String plural() {
    return plural;
  }

  public String noun(int count) {
    return count == 1 ? singular : plural;
  }

  public List<String> words() {
    return List.of((singular + " " + plural).split(" "));
  }
}

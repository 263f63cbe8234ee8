package workbench.library;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word-level diff of two prompt texts (java-diff-utils' Myers diff over word and space
 * tokens): prompts are usually one long line, so a line diff would say nothing.
 */
public final class VersionDiff {

  private static final Pattern TOKEN = Pattern.compile("\\s+|[^\\s\\p{Punct}]+|\\p{Punct}");

  private VersionDiff() {}

  public static List<DiffSegment> between(String older, String newer) {
    var a = tokens(older);
    var b = tokens(newer);
    var segments = new ArrayList<DiffSegment>();
    int at = 0;
    for (AbstractDelta<String> delta : DiffUtils.diff(a, b).getDeltas()) {
      add(segments, DiffSegment.Kind.KEPT, a.subList(at, delta.getSource().getPosition()));
      add(segments, DiffSegment.Kind.REMOVED, delta.getSource().getLines());
      add(segments, DiffSegment.Kind.ADDED, delta.getTarget().getLines());
      at = delta.getSource().getPosition() + delta.getSource().size();
    }
    add(segments, DiffSegment.Kind.KEPT, a.subList(at, a.size()));
    return segments;
  }

  private static List<String> tokens(String text) {
    var tokens = new ArrayList<String>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      tokens.add(m.group());
    }
    return tokens;
  }

  private static void add(List<DiffSegment> segments, DiffSegment.Kind kind, List<String> tokens) {
    if (tokens.isEmpty()) {
      return;
    }
    var text = String.join("", tokens);
    int last = segments.size() - 1;
    if (last >= 0 && segments.get(last).kind() == kind) {
      segments.set(last, new DiffSegment(kind, segments.get(last).text() + text));
    } else {
      segments.add(new DiffSegment(kind, text));
    }
  }
}

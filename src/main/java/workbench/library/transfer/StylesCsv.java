package workbench.library.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import workbench.library.ImportException;
import workbench.library.LibraryLimits;
import workbench.library.transfer.LibraryDocument.PromptDocument;
import workbench.library.transfer.LibraryDocument.VersionDocument;
import workbench.prompt.Dialect;

/**
 * A1111's {@code styles.csv}, read and written as A1111 itself does ({@code modules/styles.py}):
 * a {@code csv.DictReader} with {@code skipinitialspace=True} over a UTF-8 file (BOM or not), its
 * columns found by name ({@code name}, {@code prompt} — or the older {@code text} —,
 * {@code negative_prompt}), other columns and cells past the header ignored, missing cells
 * empty; rows with neither prompt nor negative prompt are A1111's dividers in its menu and are
 * not styles. Written as A1111 saves it: BOM, {@code name,prompt,negative_prompt}, CRLF, quotes
 * only where needed, in the library's order. Each style becomes a prompt in the A1111 dialect
 * titled by its name, the negative prompt beside it.
 */
public final class StylesCsv {

  public static final List<String> HEADER = List.of("name", "prompt", "negative_prompt");
  public static final String TAG = "a1111-style";
  /**
   * The longest prompt or negative prompt a style may have. Measured (2026-12-02) on public
   * collections: GaseousIce/a1111-styles.csv's styles.csv has a 2,691-character negative prompt
   * (its ref.csv 1,744), Pun0110/Automatic1111-Fooocus-Styles-fixes 640,
   * Douleb/SDXL-750-Styles-GPT4- 226; prompts up to 971. Three times the longest seen; the
   * library's own limit on a prompt's text (workbench.limits.max-prompt-length) still holds.
   */
  public static final int MAX_STYLE_TEXT = LibraryLimits.NEGATIVE_TEXT;

  private static final CSVFormat A1111_CSV = CSVFormat.DEFAULT.builder()
      .setIgnoreSurroundingSpaces(true) // Python's skipinitialspace: `a, "b, c"` is two cells
      .get();

  private StylesCsv() {}

  public static LibraryDocument read(InputStream in, long maxBytes, String libraryName, String author) {
    var text = BoundedText.read(in, maxBytes, "CSV file");
    var prompts = new ArrayList<PromptDocument>();
    var rowOfTitle = new HashMap<String, Long>();
    var now = Instant.now();
    try (var parser = CSVParser.parse(new StringReader(text), A1111_CSV)) {
      var columns = checkHeader(parser);
      int name = columns.get(0);
      int promptColumn = columns.get(1);
      int negativeColumn = columns.get(2);
      for (CSVRecord record : parser) {
        long row = record.getRecordNumber();
        var title = cell(record, name).strip();
        var prompt = cell(record, promptColumn);
        var negative = cell(record, negativeColumn);
        if (prompt.isBlank() && negative.isBlank()) {
          continue; // a blank line, or one of A1111's dividers ("----- Photo -----"): nothing to apply
        }
        if (title.isEmpty()) {
          throw new ImportException("Row " + row + ", column " + (name + 1) + " (name): the style has no name");
        }
        tooLong(row, name + 1, "name", title, LibraryLimits.TITLE);
        tooLong(row, promptColumn + 1, "prompt", prompt, MAX_STYLE_TEXT);
        tooLong(row, negativeColumn + 1, "negative_prompt", negative, LibraryLimits.NEGATIVE_TEXT);
        var earlier = rowOfTitle.putIfAbsent(title.toLowerCase(Locale.ROOT), row);
        if (earlier != null) {
          throw new ImportException(
              "Row " + row + ", column " + (name + 1) + " (name): '" + title + "' is already the name of row " + earlier);
        }
        prompts.add(
            new PromptDocument(
                title,
                List.of(TAG),
                "",
                List.of(new VersionDocument(1, prompt, negative, Dialect.A1111.id(), "", author, now))));
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new ImportException("The CSV file could not be read: " + e.getMessage(), e);
    }
    if (prompts.isEmpty()) {
      throw new ImportException("The CSV file has a header but no styles (no row has a prompt or a negative prompt)");
    }
    return new LibraryDocument(LibraryDocument.FORMAT, LibraryDocument.VERSION, libraryName, "Imported from styles.csv", prompts);
  }

  /**
   * The styles as A1111 saves them: each prompt's latest version, in the library's order. Bytes
   * as A1111 writes them (UTF-8 with BOM, CRLF), so a file imported and exported again is the
   * same file.
   */
  public static byte[] write(List<Style> styles) {
    var out = new StringBuilder("\uFEFF");
    try (var printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
      printer.printRecord(HEADER);
      for (var style : styles) {
        printer.printRecord(style.name(), style.prompt(), style.negativePrompt());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** One row of a styles.csv. */
  public record Style(String name, String prompt, String negativePrompt) {}

  /**
   * A1111's {@code merge_prompts}: a style with {@code {prompt}} has every one replaced by the
   * prompt; otherwise the style is appended after a comma (empty parts left out).
   */
  public static String apply(String style, String prompt) {
    if (style.contains("{prompt}")) {
      return style.replace("{prompt}", prompt);
    }
    return Stream.of(prompt.strip(), style.strip()).filter(p -> !p.isEmpty())
        .collect(Collectors.joining(", "));
  }

  private static String cell(CSVRecord record, int column) {
    return column >= 0 && column < record.size() ? record.get(column) : "";
  }

  /** The columns of name, prompt and negative prompt (−1 when absent), from the header row. */
  private static List<Integer> checkHeader(CSVParser parser) {
    var it = parser.iterator();
    if (!it.hasNext()) {
      throw new ImportException("The CSV file is empty: expected the header " + String.join(",", HEADER));
    }
    var header = new ArrayList<String>();
    it.next().forEach(h -> header.add(h.strip().toLowerCase(Locale.ROOT)));
    int name = header.indexOf("name");
    int prompt = header.contains("prompt") ? header.indexOf("prompt") : header.indexOf("text");
    int negative = header.indexOf("negative_prompt");
    if (name < 0 || prompt < 0 && negative < 0) {
      throw new ImportException(
          "Row 1 (header) is '" + String.join(",", header) + "'; a styles.csv has the columns "
              + String.join(",", HEADER) + " (a \"name\" and a \"prompt\" or \"negative_prompt\" at least)");
    }
    return List.of(name, prompt, negative);
  }

  private static void tooLong(long row, int column, String label, String value, int max) {
    if (value.length() > max) {
      throw new ImportException(
          "Row " + row + ", column " + column + " (" + label + "): " + value.length()
              + " characters; at most " + max);
    }
  }
}

package workbench.library.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import workbench.library.ImportException;
import workbench.library.LibraryLimits;
import workbench.library.transfer.LibraryDocument.PromptDocument;
import workbench.library.transfer.LibraryDocument.VersionDocument;

/**
 * A1111's {@code styles.csv}: header {@code name,prompt,negative_prompt}, one style a row. Each
 * style becomes a prompt titled by its name with the negative prompt kept beside the text.
 */
public final class StylesCsv {

  public static final List<String> HEADER = List.of("name", "prompt", "negative_prompt");
  public static final String TAG = "a1111-style";

  private StylesCsv() {}

  public static LibraryDocument read(InputStream in, long maxBytes, String libraryName, String author) {
    var text = BoundedText.read(in, maxBytes, "CSV file");
    var format = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(false).get();
    var prompts = new ArrayList<PromptDocument>();
    var rowOfTitle = new HashMap<String, Long>();
    var now = Instant.now();
    try (var parser = CSVParser.parse(new StringReader(text), format)) {
      var header = checkHeader(parser);
      for (CSVRecord record : parser) {
        long row = record.getRecordNumber();
        if (record.size() == 1 && record.get(0).isBlank()) {
          continue; // blank line
        }
        if (record.size() != header.size()) {
          throw new ImportException(
              "Row " + row + " has " + record.size() + " columns; the header has " + header.size()
                  + " (" + String.join(",", header) + ")");
        }
        var name = record.get(0).strip();
        var prompt = record.get(1);
        var negative = header.size() > 2 ? record.get(2) : "";
        if (name.isEmpty()) {
          throw new ImportException("Row " + row + ", column 1 (name): the style has no name");
        }
        tooLong(row, 1, "name", name, LibraryLimits.TITLE);
        tooLong(row, 2, "prompt", prompt, LibraryLimits.TEXT);
        tooLong(row, 3, "negative_prompt", negative, LibraryLimits.TEXT);
        if (prompt.isBlank() && negative.isBlank()) {
          throw new ImportException(
              "Row " + row + ", columns 2 and 3: style '" + name + "' has neither a prompt nor a negative prompt");
        }
        var earlier = rowOfTitle.putIfAbsent(name.toLowerCase(Locale.ROOT), row);
        if (earlier != null) {
          throw new ImportException(
              "Row " + row + ", column 1 (name): '" + name + "' is already the name of row " + earlier);
        }
        prompts.add(
            new PromptDocument(
                name,
                List.of(TAG),
                "",
                List.of(new VersionDocument(1, prompt, negative, "", "", author, now))));
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new ImportException("The CSV file could not be read: " + e.getMessage(), e);
    }
    if (prompts.isEmpty()) {
      throw new ImportException("The CSV file has a header but no styles");
    }
    return new LibraryDocument(LibraryDocument.FORMAT, LibraryDocument.VERSION, libraryName, "Imported from styles.csv", prompts);
  }

  private static List<String> checkHeader(CSVParser parser) {
    var it = parser.iterator();
    if (!it.hasNext()) {
      throw new ImportException("The CSV file is empty: expected the header " + String.join(",", HEADER));
    }
    var first = it.next();
    var header = new ArrayList<String>();
    first.forEach(h -> header.add(h.strip().toLowerCase(Locale.ROOT)));
    if (header.size() < 2 || header.size() > 3 || !header.equals(HEADER.subList(0, header.size()))) {
      throw new ImportException(
          "Row 1 (header) is '" + String.join(",", header) + "'; a styles.csv starts with "
              + String.join(",", HEADER));
    }
    return header;
  }

  private static void tooLong(long row, int column, String label, String value, int max) {
    if (value.length() > max) {
      throw new ImportException(
          "Row " + row + ", column " + column + " (" + label + "): " + value.length()
              + " characters; at most " + max);
    }
  }
}

package workbench.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import workbench.grid.export.ContactSheet;
import workbench.grid.export.ExperimentJson;
import workbench.grid.export.MarkdownExport;
import workbench.grid.export.WikitextExport;
import workbench.run.RunStatus;

class GridExportTest {

  static final List<Long> SEEDS = List.of(42L, 43L, 44L, 45L);

  /** A finished 2 × 4 grid with hand-made scores: B beats A on every seed for "hand". */
  static ExperimentResult result() {
    var d = new ExperimentDefinition("Five fingers", "notes",
        List.of(ExperimentDefinition.Variant.typed("A: plain", "a hand with five fingers"),
            ExperimentDefinition.Variant.typed("B: detailed", "a hand, five fingers | detailed fingers")),
        SEEDS, List.of("hand"), ExperimentDefinition.Axis.none(), 40, "guided", 4);
    var experiment = new Experiment(UUID.randomUUID(), d, Instant.parse("2026-11-30T12:00:00Z"));
    var cells = new ArrayList<ExperimentResult.Cell>();
    for (int r = 0; r < 2; r++) {
      for (int s = 0; s < SEEDS.size(); s++) {
        double hand = 30 + s + 5 * r;
        cells.add(new ExperimentResult.Cell(r, s, 0, SEEDS.get(s), Optional.of(UUID.randomUUID()),
            Optional.of(RunStatus.DONE), Optional.of(40.0 + r + s), Map.of("hand", hand)));
      }
    }
    var partial = new ExperimentResult(experiment, cells, List.of("hand"), List.of(), List.of());
    return new ExperimentResult(experiment, cells, List.of("hand"),
        GridAnalysis.summaries(partial), GridAnalysis.comparisons(partial));
  }

  @Test
  void wikitextIsATableWithARowPerVariantAndAColumnPerSeed() {
    var text = WikitextExport.of(result());
    var table = text.substring(text.indexOf("{|"), text.indexOf("|}") + 2);
    assertThat(table).startsWith("{| class=\"wikitable\"");
    // Rows: the header row, then one "|-" per variant.
    assertThat(table.split("\n\\|-\n", -1)).hasSize(3);
    var header = table.lines().filter(l -> l.startsWith("! Variant")).findFirst().orElseThrow();
    assertThat(header.split("!!")).hasSize(1 + SEEDS.size() + 1);
    assertThat(Pattern.compile("\\[\\[File:five-fingers-r\\d-s4\\d\\.png\\|128px]]").matcher(table).results().count())
        .isEqualTo(8);
    // A "|" inside a prompt must not split a cell.
    assertThat(table).contains("five fingers &#124; detailed fingers");
    // User text is escaped for MediaWiki (ExportEscapingTest): ':' and quotes as entities.
    assertThat(text).contains("'''Verdict'''")
        .contains("B&#58; detailed beats A&#58; plain on 4 of 4 seeds for &#39;hand&#39;");
  }

  @Test
  void markdownHasTheSameShape() {
    var md = MarkdownExport.of(result());
    var rows = md.lines().filter(l -> l.startsWith("|")).toList();
    assertThat(rows).hasSize(4); // header, separator, two variants
    assertThat(rows.get(0).split("\\|", -1)).hasSize(1 + 1 + SEEDS.size() + 1 + 1);
    assertThat(md).contains("five fingers \\| detailed fingers").contains("![seed 42](five-fingers-r1-s42.png)");
  }

  @Test
  void contactSheetHasTheSizeItsLayoutSays() {
    var images = new HashMap<UUID, BufferedImage>();
    for (var cell : result().cells()) {
      images.put(cell.runId().orElseThrow(), new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB));
    }
    var sheet = ContactSheet.draw(result(), images);
    assertThat(sheet.getWidth()).isEqualTo(ContactSheet.width(4)).isEqualTo(2 * 16 + 240 + 4 * (128 + 8));
    assertThat(sheet.getHeight()).isGreaterThan(2 * (128 + 24)).isLessThan(900);
  }

  @Test
  void jsonCarriesTheDefinitionBack() {
    var result = result();
    var json = ExperimentJson.write(result);
    assertThat(ExperimentJson.readDefinition(json)).isEqualTo(result.experiment().definition());
    assertThat(json).contains("\"verdicts\"").contains("beats");
  }
}

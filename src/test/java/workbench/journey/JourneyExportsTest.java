package workbench.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import javax.imageio.metadata.IIOMetadataNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import workbench.DatabaseTest;
import workbench.grid.ExperimentDefinition;
import workbench.grid.GridService;
import workbench.grid.export.GridTables;
import workbench.loop.PngMetadata;
import workbench.loop.RecipeFactory;
import workbench.loop.RecipeText;
import workbench.run.GenerationService;
import workbench.run.RunSnapshot;
import workbench.run.RunStatus;
import workbench.run.RunWaits;

/** A stored run's loop as a filmstrip, an animation and wiki snippets. */
class JourneyExportsTest extends DatabaseTest {

  @Autowired GenerationService generation;
  @Autowired JourneyService journeys;
  @Autowired GridService grids;

  @Test
  void theFilmstripShowsEverySnapshotPixelForPixelAndCarriesTheRecipe() throws Exception {
    var journey = journeyOf(new RecipeFactory.Request("red apple:: table::0.5", "", 11, 7, "guided", 4));
    assertThat(journey.snapshots()).extracting(RunSnapshot::step).containsExactly(0, 5, 7);

    for (boolean terms : new boolean[] {false, true}) {
      var png = Filmstrip.png(journey, terms);
      var strip = PngMetadata.decode(png);
      for (int i = 0; i < journey.snapshots().size(); i++) {
        assertFrameIs(strip, Filmstrip.frame(journey, i, false), journey.snapshots().get(i).png());
      }
      assertThat(RecipeText.fromJson(PngMetadata.read(png).get(RecipeText.RECIPE_KEY))).isEqualTo(journey.run().recipe());
    }
    // With each term's score the labels take more room.
    assertThat(Filmstrip.draw(journey, true).getHeight()).isGreaterThan(Filmstrip.draw(journey, false).getHeight());
  }

  @Test
  void aDiffusionFilmstripHasARowOfPredictions() throws Exception {
    var journey = journeyOf(new RecipeFactory.Request("a blue star", "", 5, 3, "diffusion", 4));
    assertThat(journey.hasPredicted()).isTrue();
    var strip = Filmstrip.draw(journey, false);
    for (int i = 0; i < journey.snapshots().size(); i++) {
      assertFrameIs(strip, Filmstrip.frame(journey, i, false), journey.snapshots().get(i).png());
      assertFrameIs(strip, Filmstrip.frame(journey, i, true), journey.snapshots().get(i).predictedPng());
    }
    assertThat(JourneySnippet.wikitext(journey)).contains("The lower row is the art process's prediction");
  }

  @Test
  void theAnimationDecodesToOneFramePerSnapshotWithItsDelays() throws Exception {
    var journey = journeyOf(new RecipeFactory.Request("a green tree", "", 3, 6, "guided", 4));
    var gif = LoopAnimation.gif(journey);

    var reader = ImageIO.getImageReadersByFormatName("gif").next();
    reader.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(gif)));
    int frames = reader.getNumImages(true);
    assertThat(frames).isEqualTo(journey.snapshots().size()).isEqualTo(3);
    var delays = new ArrayList<Integer>();
    for (int i = 0; i < frames; i++) {
      var tree = (IIOMetadataNode) reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
      var control = (IIOMetadataNode) tree.getElementsByTagName("GraphicControlExtension").item(0);
      delays.add(Integer.parseInt(control.getAttribute("delayTime")));
      var frame = reader.read(i);
      assertThat(frame.getWidth()).isEqualTo(64 * Filmstrip.SCALE);
    }
    assertThat(delays).containsExactly(LoopAnimation.DELAY_CS, LoopAnimation.DELAY_CS, LoopAnimation.LAST_DELAY_CS);
    // It loops: the NETSCAPE2.0 extension is on the first frame.
    var first = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
    assertThat(((IIOMetadataNode) first.getElementsByTagName("ApplicationExtension").item(0)).getAttribute("applicationID"))
        .isEqualTo("NETSCAPE");
  }

  @Test
  void theSnippetsEmbedBothFilesWithACaptionInTheSeedPagesWords() throws Exception {
    var journey = journeyOf(new RecipeFactory.Request("red apple:: tart::2", "", 8, 2, "guided", 4));
    var wiki = JourneySnippet.wikitext(journey);
    var markdown = JourneySnippet.markdown(journey);
    var stem = "workbench-" + journey.run().id().toString().substring(0, 8);

    assertThat(wiki).contains("[[File:" + stem + "-filmstrip.png|thumb|", "[[File:" + stem + "-loop.gif|thumb|");
    assertThat(markdown).contains("](" + stem + "-filmstrip.png)", "](" + stem + "-loop.gif)");
    for (var text : List.of(wiki, markdown)) {
      assertThat(text).contains("starting seed image", "static", "art process", "check output", "loop", "image is done");
    }
    // The user's prompt is text, escaped as the grid exports escape it (its colons make no link).
    assertThat(wiki).contains("<code>red apple&#58;&#58; tart&#58;&#58;2</code>");
    assertThat(markdown).contains("<code>red apple\\:\\: tart\\:\\:2</code>");
  }

  @Test
  void aLongJourneyIsShownInTwelveFramesFromStaticToImageDone() throws Exception {
    var journey = journeyOf(new RecipeFactory.Request("a red ball", "", 2, 2, "guided", 4));
    var many = new ArrayList<RunSnapshot>();
    for (int step = 0; step <= 60; step += 2) {
      var s = journey.snapshots().get(step == 60 ? 1 : 0);
      many.add(new RunSnapshot(step, s.scores(), s.png(), s.predictedPng()));
    }
    var frames = new Journey(journey.run(), many).frames();
    assertThat(frames).hasSize(Journey.MAX_FRAMES);
    assertThat(frames.get(0).step()).isZero();
    assertThat(frames.get(Journey.MAX_FRAMES - 1).step()).isEqualTo(60);
    assertThat(frames).extracting(RunSnapshot::step).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void aRunWithoutSnapshotsSaysSo() throws Exception {
    var journey = journeyOf(new RecipeFactory.Request("a red ball", "", 2, 2, "guided", 4));
    var empty = new Journey(journey.run(), List.of());
    assertThatThrownBy(() -> Filmstrip.png(empty, false)).hasMessageContaining("kept no snapshots");
    assertThatThrownBy(() -> LoopAnimation.gif(empty)).hasMessageContaining("kept no snapshots");
    assertThat(journeys.journey(UUID.randomUUID())).isEmpty();
  }

  @Test
  void aGridsZipCarriesEachCellsFilmstripWhenAskedFor() throws Exception {
    var id = grids.create(new ExperimentDefinition("Loops 2×2", "", List.of(
        ExperimentDefinition.Variant.typed("A", "a red apple"),
        ExperimentDefinition.Variant.typed("B", "a blue ball")), List.of(4L, 5L), List.of(),
        ExperimentDefinition.Axis.none(), 6, "guided", 2));
    grids.start(id);
    RunWaits.until("grid " + id + " done", RunWaits.LIMIT, () -> grids.result(id).finished() && grids.result(id).done() == 4);
    var result = grids.result(id);
    assertThat(result.done()).isEqualTo(4);

    var plain = unzip(grids.zip(id));
    assertThat(plain.keySet()).noneMatch(name -> name.endsWith("-filmstrip.png"));
    var withLoops = unzip(grids.zip(id, true));
    // Everything the plain ZIP has, and beside each cell's image its run's filmstrip, byte for byte.
    assertThat(withLoops.keySet()).containsAll(plain.keySet());
    var strips = withLoops.keySet().stream().filter(name -> name.endsWith("-filmstrip.png")).sorted().toList();
    assertThat(strips).containsExactly("loops-2-2-r1-s4-filmstrip.png", "loops-2-2-r1-s5-filmstrip.png",
        "loops-2-2-r2-s4-filmstrip.png", "loops-2-2-r2-s5-filmstrip.png");
    for (var cell : result.cells()) {
      var name = GridTables.fileName(result.experiment().definition(), cell).replace(".png", "-filmstrip.png");
      var journey = journeys.journey(cell.runId().orElseThrow()).orElseThrow();
      assertThat(withLoops.get(name)).as(name).isEqualTo(Filmstrip.png(journey, true));
      assertThat(journey.snapshots()).extracting(RunSnapshot::step).containsExactly(0, 5, 6);
    }
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    var out = new TreeMap<String, byte[]>();
    try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.put(e.getName(), in.readAllBytes());
      }
    }
    return out;
  }

  /** Every pixel of the frame's region is its snapshot's pixel, enlarged by whole blocks. */
  static void assertFrameIs(BufferedImage strip, Rectangle frame, byte[] snapshotPng) {
    var snapshot = PngMetadata.decode(snapshotPng);
    assertThat(frame.width).isEqualTo(snapshot.getWidth() * Filmstrip.SCALE);
    int mismatches = 0;
    for (int y = 0; y < frame.height; y++) {
      for (int x = 0; x < frame.width; x++) {
        if (strip.getRGB(frame.x + x, frame.y + y) != snapshot.getRGB(x / Filmstrip.SCALE, y / Filmstrip.SCALE)) {
          mismatches++;
        }
      }
    }
    assertThat(mismatches).as("pixels of the frame at %s that differ from the snapshot", frame).isZero();
  }

  private Journey journeyOf(RecipeFactory.Request request) throws InterruptedException {
    var id = generation.submit(request, 0);
    assertThat(RunWaits.finished(generation, id).status()).isEqualTo(RunStatus.DONE);
    return journeys.journey(id).orElseThrow();
  }
}

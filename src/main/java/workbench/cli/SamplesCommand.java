package workbench.cli;

import ai.djl.Device;
import java.awt.Color;
import java.awt.Font;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import workbench.loop.GenerationLoop;
import workbench.loop.LoopListener;
import workbench.loop.LoopModels;
import workbench.loop.Recipe;
import workbench.loop.RecipeFactory;
import workbench.model.HeldOutPrompts;
import workbench.model.ModelSource;

/**
 * {@code samples --out FILE}: a contact sheet of held-out captions, each a row of the Sketchbook's
 * own render of the caption's scene followed by what the generator drew for it from several
 * seeds, so a person can judge the images at a glance.
 */
@Command(name = "samples", mixinStandardHelpOptions = true,
    description = "Write a contact sheet: held-out captions x seeds, beside renders of the same captions.")
public final class SamplesCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, description = "the PNG to write")
  Path out;

  @Option(names = "--prompts", defaultValue = "24", description = "held-out captions (default ${DEFAULT-VALUE})")
  int prompts;

  @Option(names = "--seeds", defaultValue = "3", description = "seeds per caption (default ${DEFAULT-VALUE})")
  int seeds;

  @Option(names = "--steps", defaultValue = "" + RecipeFactory.DEFAULT_STEPS, description = "loop steps (default ${DEFAULT-VALUE})")
  int steps;

  @Option(names = "--process", defaultValue = "", description = "art process (default: the model's first)")
  String process;

  @Option(names = "--models", description = "model folder (default: the shipped models on the classpath)")
  Path models;

  @Option(names = "--cfg", description = "classifier-free guidance scale for the diffusion processes (default: the model's)")
  Double cfg;

  @Option(names = "--scale", defaultValue = "2", description = "pixels per model pixel on the sheet (default ${DEFAULT-VALUE})")
  int scale;

  @Override
  public Integer call() throws Exception {
    if (prompts < 1 || seeds < 1 || steps < 1 || scale < 1) {
      System.err.println("--prompts, --seeds, --steps and --scale must be at least 1");
      return 2;
    }
    var set = HeldOutPrompts.first(prompts, seeds);
    var source = this.models == null ? ModelSource.classpath() : ModelSource.directory(this.models);
    try (var models = LoopModels.load(source, Device.cpu())) {
      var factory = new RecipeFactory(models);
      var recipes = new ArrayList<Recipe>();
      for (var p : set) {
        recipes.add(factory.recipe(new RecipeFactory.Request(p.caption(), "", p.seed(), steps, process, 1, "", "", cfg)));
      }
      var images = new ArrayList<BufferedImage>();
      var loop = new GenerationLoop(models);
      for (int from = 0; from < recipes.size(); from += 16) {
        for (var r : loop.run(recipes.subList(from, Math.min(recipes.size(), from + 16)), LoopListener.NONE)) {
          images.add(r.raw());
        }
      }
      var sheet = sheet(set, images, recipes.get(0).process(), steps);
      if (out.toAbsolutePath().getParent() != null) {
        Files.createDirectories(out.toAbsolutePath().getParent());
      }
      ImageIO.write(sheet, "png", out.toFile());
      System.out.println("wrote " + out + " (" + set.size() / seeds + " captions x " + seeds + " seeds, "
          + recipes.get(0).process() + ", " + steps + " steps)");
    }
    return 0;
  }

  /** Two columns of rows: caption above [render | seed 1 | seed 2 | ...]. */
  private BufferedImage sheet(List<HeldOutPrompts.Prompt> set, List<BufferedImage> images, String processName, int stepCount) {
    int side = 64 * scale;
    int gap = 4;
    int label = 16;
    int rows = set.size() / seeds;
    int columns = 2;
    int perColumn = (rows + columns - 1) / columns;
    int blockWidth = (seeds + 1) * (side + gap) + 12;
    int blockHeight = label + side + gap + 6;
    int header = 28;
    var sheet = new BufferedImage(columns * blockWidth, header + perColumn * blockHeight, BufferedImage.TYPE_INT_RGB);
    var g = sheet.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString("Held-out captions: the Sketchbook's render (left), then the generator (" + processName + ", "
        + stepCount + " steps) from seeds " + set.get(0).seed() + "-" + set.get(seeds - 1).seed(), 6, 18);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int row = 0; row < rows; row++) {
      int x = (row / perColumn) * blockWidth + 6;
      int y = header + (row % perColumn) * blockHeight;
      var first = set.get(row * seeds);
      g.setColor(Color.DARK_GRAY);
      g.drawString(first.caption(), x, y + 12);
      g.drawImage(first.render(), x, y + label, side, side, null);
      for (int s = 0; s < seeds; s++) {
        g.drawImage(images.get(row * seeds + s), x + (s + 1) * (side + gap) + 6, y + label, side, side, null);
      }
    }
    g.dispose();
    return sheet;
  }
}

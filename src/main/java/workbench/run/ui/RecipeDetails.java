package workbench.run.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.Locale;
import workbench.loop.TermScores;
import workbench.run.Run;

/**
 * A run's recipe and final scores as people read them: one line per setting, then each term
 * with its weight and score as a bar. Shared by the generate page and the run detail page.
 */
public class RecipeDetails extends Composite<Div> {

  public RecipeDetails(Run run) {
    var root = getContent();
    root.addClassName("recipe-details");
    var r = run.recipe();
    var settings = new Div();
    settings.addClassName("recipe-settings");
    setting(settings, "Prompt", r.prompt());
    setting(settings, "Dialect", r.dialect());
    setting(settings, "Seed", Long.toString(r.seed()));
    setting(settings, "Steps", run.step() + " of " + r.steps());
    setting(settings, "Process", r.process());
    setting(settings, "Size", r.width() + " × " + r.height() + ", upscaled " + r.upscale() + "×");
    setting(settings, "Model", r.modelId() + " (" + r.weightsSha256().substring(0, Math.min(12, r.weightsSha256().length())) + ")");
    setting(settings, "Stages", r.schedule().describe()
        + (r.schedule().stopAtScore() > 0 ? "; stop early at score " + RunMonitor.format(r.schedule().stopAtScore()) : ""));
    setting(settings, "Device", r.device());
    setting(settings, "Status", run.status().name().toLowerCase(Locale.ROOT));
    run.scoreInitial().ifPresent(s -> setting(settings, "Score at step 0", RunMonitor.format(s)));
    run.scoreFinal().ifPresent(s -> setting(settings, "Final score", RunMonitor.format(s)));
    root.add(settings);

    var terms = new Div();
    terms.addClassName("term-scores");
    for (var term : run.terms()) {
      terms.add(termRow(term));
    }
    root.add(terms);

  }

  private static void setting(Div box, String name, String value) {
    var label = new Span(name);
    label.addClassName("recipe-key");
    var text = new Span(value);
    text.addClassName("recipe-value");
    box.add(label, text);
  }

  private static Div termRow(TermScores.TermScore term) {
    var row = new Div();
    row.addClassName("term-score");
    var name = new Span(term.text() + " ×" + trim(term.weight()));
    name.addClassName("term-name");
    var bar = new Div();
    bar.addClassName(term.weight() < 0 ? "term-bar-negative" : "term-bar");
    bar.getStyle().set("width", term.score() + "%");
    var track = new Div(bar);
    track.addClassName("term-track");
    var value = new Span(RunMonitor.format(term.score()));
    value.addClassName("term-value");
    row.add(name, track, value);
    return row;
  }

  private static String trim(double weight) {
    return weight == Math.rint(weight) ? Long.toString((long) weight) : Double.toString(weight);
  }
}

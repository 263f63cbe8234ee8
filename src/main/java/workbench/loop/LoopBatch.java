package workbench.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Several recipes going through the loop together (same process, schedule and size; prompts
 * and seeds differ): their latents, conditions and terms as arrays, so every network call
 * sees the whole batch. Items that stopped early or were cancelled stay frozen.
 */
public final class LoopBatch {

  final LoopModels models;
  final NDManager scope;
  final List<Recipe> recipes;
  final Schedule schedule;
  final float[][] z;
  final boolean[] live;
  final double[] combined;
  /** (batch, embedding): what each item's generator is conditioned on. */
  final NDArray condition;
  /** (terms of all items, embedding). */
  final NDArray terms;
  /** (embedding, terms of all items): the transpose, made once. */
  final NDArray termsT;
  /** [item][term of all items]: normalised weight, 0 for another item's terms. */
  final float[][] weights;
  /** The art process every item runs. */
  final String process;
  private final int termCount;

  LoopBatch(LoopModels models, NDManager scope, List<Recipe> recipes) {
    this.models = models;
    this.scope = scope;
    this.recipes = List.copyOf(recipes);
    this.schedule = recipes.get(0).schedule();
    int n = recipes.size();
    z = new float[n][];
    live = new boolean[n];
    combined = new double[n];
    var conditions = new ArrayList<String>();
    var allTerms = new ArrayList<String>();
    for (int i = 0; i < n; i++) {
      var recipe = recipes.get(i);
      z[i] = models.startingLatent(recipe.process(), recipe.seed());
      live[i] = true;
      conditions.add(conditionText(recipe));
      allTerms.addAll(recipe.termTexts());
    }
    termCount = allTerms.size();
    weights = new float[n][termCount];
    int offset = 0;
    for (int i = 0; i < n; i++) {
      var w = recipes.get(i).termWeights();
      double total = 0;
      for (double v : w) {
        total += Math.abs(v);
      }
      for (int t = 0; t < w.length; t++) {
        weights[i][offset + t] = (float) (w[t] / total);
      }
      offset += w.length;
    }
    // The generator's own text space (the Sketchbook prior's, whichever checker scores).
    condition = models.generatorCondition(scope, conditions);
    process = recipes.get(0).process();
    terms = models.textEmbeddings(scope, allTerms);
    termsT = terms.transpose();
  }

  /**
   * The batch during one step, with a scope that frees the step's arrays at its end, and where
   * a process that {@linkplain ArtProcess#showsCurrent() shows the current images} hands them on.
   */
  record Step(LoopBatch batch, NDManager scope, Seen seen) {}

  /** The current latents' images (batch, 3, s, s) and their unit-length checker embeddings (batch, e). */
  interface Seen {
    void seen(NDArray images, NDArray embeddings);
  }

  public int size() {
    return recipes.size();
  }

  /**
   * The generator is conditioned on the positive terms, strongest first: a caption-like
   * text such as "red apple table" for {@code red apple:: table::0.5}. Negative terms only
   * steer through the checker.
   */
  static String conditionText(Recipe recipe) {
    return recipe.terms().stream()
        .filter(t -> t.weight() > 0)
        .sorted((a, b) -> Double.compare(b.weight(), a.weight()))
        .map(Recipe.RecipeTerm::text)
        .reduce((a, b) -> a + " " + b)
        .orElse("");
  }

  /** (rows, 3, s, s) images whose row r belongs to item {@code itemOfRow[r]}: combined scores (rows). */
  NDArray combinedScores(NDArray images, int[] itemOfRow) {
    return weightedSimilarities(models.imageEmbeddings(images), itemOfRow).sum(new int[] {1});
  }

  /** Per-row weighted term similarities (rows, all terms): summing a row gives its combined score. */
  NDArray weightedSimilarities(NDArray imageEmbeddings, int[] itemOfRow) {
    NDArray cos = imageEmbeddings.matMul(termsT);
    var w = new float[itemOfRow.length * termCount];
    for (int r = 0; r < itemOfRow.length; r++) {
      System.arraycopy(weights[itemOfRow[r]], 0, w, r * termCount, termCount);
    }
    return cos.mul(cos.getManager().create(w, new Shape(itemOfRow.length, termCount)));
  }

  /**
   * One item's combined score from a (1, embedding) image embedding, against that item's own
   * terms only (so the arithmetic is the same whatever else is in the batch).
   */
  NDArray ownWeightedScore(NDArray imageEmbedding, int item) {
    int offset = termOffset(item);
    int count = recipes.get(item).terms().size();
    NDArray own = terms.get(offset + ":" + (offset + count));
    var w = Arrays.copyOfRange(weights[item], offset, offset + count);
    return imageEmbedding.matMul(own.transpose()).mul(imageEmbedding.getManager().create(w, new Shape(1, count))).sum();
  }

  /** Each item's own term similarities from a (batch, all terms) cosine matrix. */
  TermScores termScores(int item, float[] cosRow) {
    int offset = termOffset(item);
    var recipe = recipes.get(item);
    var sims = new double[recipe.terms().size()];
    for (int t = 0; t < sims.length; t++) {
      sims[t] = cosRow[offset + t];
    }
    return TermScores.of(recipe.termTexts(), recipe.termWeights(), sims);
  }

  /** Where item {@code item}'s terms start among the terms of all items. */
  private int termOffset(int item) {
    int offset = 0;
    for (int i = 0; i < item; i++) {
      offset += recipes.get(i).terms().size();
    }
    return offset;
  }

  int termCount() {
    return termCount;
  }
}

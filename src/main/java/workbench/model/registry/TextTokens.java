package workbench.model.registry;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import workbench.model.ModelLoadException;

/**
 * A model's Hugging Face {@code tokenizer.json} (through DJL's tokenizers, whose jar carries the
 * native library: nothing is downloaded). Texts become rows of exactly {@code contextLength} ids:
 * longer ones keep their first tokens and their final special token (CLIP pools at the end
 * token), shorter ones are padded with {@code padId}.
 */
final class TextTokens implements AutoCloseable {

  private final HuggingFaceTokenizer tokenizer;
  private final int contextLength;
  private final int padId;

  private TextTokens(HuggingFaceTokenizer tokenizer, int contextLength, int padId) {
    this.tokenizer = tokenizer;
    this.contextLength = contextLength;
    this.padId = padId;
  }

  static TextTokens load(ModelRegistry.Entry entry) {
    Path file = entry.manifest().file(entry.folder(), "tokenizer");
    try {
      var tokenizer = HuggingFaceTokenizer.builder()
          .optTokenizerPath(file)
          .optAddSpecialTokens(true)
          .optTruncation(false)
          .optPadding(false)
          .build();
      return new TextTokens(tokenizer, entry.manifest().contextLength(), entry.manifest().padId());
    } catch (IOException | RuntimeException e) {
      throw new ModelLoadException("model folder " + entry.folder().toAbsolutePath() + ": tokenizer " + file.getFileName()
          + " cannot be read: " + e.getMessage(), e);
    }
  }

  int contextLength() {
    return contextLength;
  }

  /** (texts × contextLength) ids, row by row. */
  long[] ids(List<String> texts) {
    var out = new long[texts.size() * contextLength];
    for (int i = 0; i < texts.size(); i++) {
      System.arraycopy(row(tokenizer.encode(texts.get(i)).getIds()), 0, out, i * contextLength, contextLength);
    }
    return out;
  }

  /** Ids of one text, and a weight per position taken from the term that the token came from. */
  record Weighted(long[] ids, float[] weights) {}

  /**
   * Joins {@code terms} with ", " and tokenises once (so the text encoder sees one prompt);
   * each token gets the weight of the term its characters belong to, special tokens and
   * padding 1.
   */
  Weighted weighted(List<String> terms, double[] weights) {
    var text = new StringBuilder();
    var starts = new int[terms.size()];
    var ends = new int[terms.size()];
    for (int t = 0; t < terms.size(); t++) {
      if (t > 0) {
        text.append(", ");
      }
      starts[t] = text.length();
      text.append(terms.get(t));
      ends[t] = text.length();
    }
    var encoding = tokenizer.encode(text.toString());
    long[] ids = encoding.getIds();
    CharSpan[] spans = encoding.getCharTokenSpans();
    var tokenWeights = new float[ids.length];
    for (int k = 0; k < ids.length; k++) {
      tokenWeights[k] = 1f;
      CharSpan span = k < spans.length ? spans[k] : null;
      if (span == null) {
        continue;
      }
      for (int t = 0; t < terms.size(); t++) {
        if (span.getStart() >= starts[t] && span.getStart() < ends[t]) {
          tokenWeights[k] = (float) weights[t];
        }
      }
    }
    var rowWeights = new float[contextLength];
    Arrays.fill(rowWeights, 1f);
    long[] row = row(ids);
    int kept = Math.min(ids.length, contextLength);
    for (int k = 0; k < kept - 1; k++) {
      rowWeights[k] = tokenWeights[k];
    }
    return new Weighted(row, rowWeights);
  }

  private long[] row(long[] ids) {
    var row = new long[contextLength];
    Arrays.fill(row, padId);
    if (ids.length <= contextLength) {
      System.arraycopy(ids, 0, row, 0, ids.length);
    } else {
      System.arraycopy(ids, 0, row, 0, contextLength - 1);
      row[contextLength - 1] = ids[ids.length - 1];
    }
    return row;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}

package workbench.run;

/** The images of a run: the step-0 static, the raw loop output, the post-processed final. */
public enum ImageKind {
  STATIC,
  RAW,
  FINAL
}

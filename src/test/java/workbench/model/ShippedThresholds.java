package workbench.model;

/** Agreed floors for the 256-scene check of the shipped weights (see the model card for full numbers). */
final class ShippedThresholds {
  static final double RETRIEVAL_TOP1 = 0.85;
  static final double ATTRIBUTE_SWAP = 0.88;
  static final double CONDITIONAL_TOP1 = 0.60;

  private ShippedThresholds() {}
}

package workbench.gallery;

/** Orders of the gallery; ties break on the run id so pages never overlap. */
public enum GallerySort {
  NEWEST("Newest first", "r.created_at desc, r.id"),
  OLDEST("Oldest first", "r.created_at asc, r.id"),
  BEST("Best score first", "r.score_final desc nulls last, r.created_at desc, r.id"),
  WORST("Lowest score first", "r.score_final asc nulls last, r.created_at desc, r.id");

  private final String label;
  final String orderBy;

  GallerySort(String label, String orderBy) {
    this.label = label;
    this.orderBy = orderBy;
  }

  public String label() {
    return label;
  }
}

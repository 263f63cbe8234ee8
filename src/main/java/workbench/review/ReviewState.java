package workbench.review;

/** OPEN: answers private; SHOWN: results readable, answers still taken; CLOSED: results readable, no more answers. */
public enum ReviewState {
  OPEN,
  SHOWN,
  CLOSED;

  public boolean resultsReadable() {
    return this != OPEN;
  }
}

package workbench.api;

/** Asked for what a run or grid makes before it has made it: try again later (409). */
class RunNotFinishedException extends RuntimeException {

  RunNotFinishedException(String message) {
    super(message);
  }
}

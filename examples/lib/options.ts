/** What every lecture example takes: the step counts (the notebooks' by default), where to print, plots. */
export interface ExampleOptions {
  /** training steps (the notebook's 200000 by default) */
  steps?: number;
  /** part 2: learning-rate finder steps (1000) */
  lrFindSteps?: number;
  /** part 3: steps of the deeper network whose statistics are plotted (the notebook breaks after 1001) */
  diagSteps?: number;
  /**
   * the splits whose loss is evaluated at the end (the notebook's train and val by default);
   * passing the whole training set through is most of a short run's time
   */
  splits?: readonly ("train" | "val")[];
  /** the words file (names.txt by default) */
  input?: string;
  /** where each printed line goes (console.log by default) */
  log?: (line: string) => void;
  /** a directory for the lecture's plots (SVG and PNG) */
  plots?: string;
}

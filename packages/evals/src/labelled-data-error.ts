import { CortexError } from "@cortex-ml/core";

/** One line of a labelled data file that is not a labelled record, and why. */
export interface LabelledDataProblem {
  /** 1-based line number. */
  readonly line: number;
  readonly problem: string;
}

const shownProblems = 5;

/** Lines of a labelled data file are not labelled records; `problems` lists every one, the message the first few. */
export class LabelledDataError extends CortexError("LabelledDataError")<{
  readonly problems: readonly LabelledDataProblem[];
}> {
  readonly retryable = false;
  override get message(): string {
    if (this.problems.length === 0) return "the data has no labelled records";
    const shown = this.problems.slice(0, shownProblems).map(({ line, problem }) => `line ${line} ${problem}`);
    const more = this.problems.length - shown.length;
    return `${shown.join("; ")}${more > 0 ? `; and ${more} more line(s)` : ""}`;
  }
}

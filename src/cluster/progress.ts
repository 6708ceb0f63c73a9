/** How `up` reports what it did, step by step, as it happens. */
export interface Progress {
  /** A finished step. */
  step(text: string): void;
  /** More about the last step (an answer, a log excerpt). */
  detail(text: string): void;
}

/**
 * The bookkeeping of one Service operation across allocators (upstream's portAllocationOperation and
 * callbackTransaction): allocations happen at once and are undone on revert; releases wait for commit.
 * Leaking a value until repair is harmless, handing it to two owners is not, so releases are the
 * last thing to happen and only after the caller has stored the Service.
 */

/** What a caller does with a finished allocation step: keep it (after storing the Service) or undo it. */
export interface AllocationTransaction {
  /** Makes the deferred releases happen. Call once the Service is stored. */
  commit(): void;
  /** Undoes every allocation and drops the deferred releases, leaving the allocators as they were. */
  revert(): void;
}

/** An open transaction that steps record themselves into. */
export class AllocationLog implements AllocationTransaction {
  private readonly undo: (() => unknown)[] = [];
  private readonly deferred: (() => unknown)[] = [];
  private finished = false;

  /** Records how to undo an allocation that has just happened. */
  allocated(undo: () => unknown): void {
    this.assertOpen();
    this.undo.push(undo);
  }

  /** Records a release to perform on commit. */
  releaseOnCommit(release: () => unknown): void {
    this.assertOpen();
    this.deferred.push(release);
  }

  /** Performs the deferred releases; later calls to either method do nothing. */
  commit(): void {
    if (this.finished) return;
    this.finished = true;
    for (const release of this.deferred) release();
  }

  /** Undoes the allocations, newest first; later calls to either method do nothing. */
  revert(): void {
    if (this.finished) return;
    this.finished = true;
    for (const undo of this.undo.toReversed()) undo();
  }

  private assertOpen(): void {
    if (this.finished) throw new Error('allocation transaction already finished');
  }
}

/**
 * At most `limit` runs at once; the others wait, first come first served. A waiting run can be taken out
 * (cancelled before it started, or at shutdown).
 */
export class RunQueue {
  private readonly waiting: { id: string; start: () => Promise<void> }[] = [];
  private active = 0;

  constructor(private readonly limit: number) {}

  /** `start` runs when a slot is free; it must not reject (the slot is freed when it settles). */
  add(id: string, start: () => Promise<void>): void {
    this.waiting.push({ id, start });
    this.pump();
  }

  /** Take a waiting run out; false when it has started already (or was never queued). */
  remove(id: string): boolean {
    const index = this.waiting.findIndex((job) => job.id === id);
    if (index === -1) return false;
    this.waiting.splice(index, 1);
    return true;
  }

  /** Take every waiting run out; returns their ids. */
  removeAll(): string[] {
    return this.waiting.splice(0).map((job) => job.id);
  }

  private pump(): void {
    while (this.active < this.limit) {
      const job = this.waiting.shift();
      if (!job) return;
      this.active++;
      const done = () => {
        this.active--;
        this.pump();
      };
      job.start().then(done, done);
    }
  }
}

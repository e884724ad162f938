// The page's side of the worker: one job at a time; a new job ends the one running (the worker is
// replaced: its checks are synchronous and cannot be interrupted otherwise). The worker runs this
// page's own script, from its text, so that it starts from file:// too; it is started at once, so
// that compiling that script overlaps the page's own first derivation.
import type { Answer, Job } from "./protocol.js";

export class Checker {
  private worker: Worker | undefined;
  private busy = false;
  private key = 0;
  /** Whether the worker has answered once (its script is compiled and running). */
  private answered = false;
  private readonly url: string;

  constructor(
    source: string,
    private readonly listen: (a: Answer) => void,
  ) {
    this.url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    this.start();
  }

  /** Whether a job now would start at once, with no worker to start first. */
  get warm(): boolean {
    return this.answered && !this.busy;
  }

  run(job: Job): void {
    if (this.busy) this.stop();
    const w = this.worker ?? this.start();
    this.busy = true;
    this.key = job.key;
    w.postMessage(job);
  }

  /** Ends the job running, if any; an idle worker stays, ready. */
  cancel(): void {
    if (this.busy) this.stop();
  }

  private stop(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.busy = false;
    this.answered = false;
  }

  private start(): Worker {
    const w = new Worker(this.url);
    w.onmessage = (e: MessageEvent<Answer>) => {
      this.answered = true;
      if (e.data.kind !== "progress") this.busy = false;
      this.listen(e.data);
    };
    // An error the worker did not catch (it catches everything it knows of): said on the page.
    w.onerror = (e) => {
      e.preventDefault();
      this.busy = false;
      this.listen({ kind: "failed", key: this.key, message: e.message || "the checks stopped" });
    };
    this.worker = w;
    return w;
  }
}

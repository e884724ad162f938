// The worker: the step check and the gradient check, off the page's thread so that typing never
// waits for them, with a count of their progress (at most one message every 100 ms).
import {
  buildNetwork,
  checkSteps,
  contentText,
  derive,
  FORMATS,
  gradientCheck,
  parseSpec,
  exampleParams,
  withWorkedBatch,
  withWorkedExample,
  type Progress,
} from "../src/index.js";
import { CHECK_POINTS, CHECK_SEED, DIGITS, TOLERANCE, type Answer, type Job } from "./protocol.js";

interface Scope {
  onmessage: ((e: MessageEvent<Job>) => void) | null;
  postMessage(message: Answer): void;
}

function progressOf(scope: Scope, key: number): Progress {
  let stage = "";
  let total: number | undefined;
  let last = 0;
  return {
    stage(name, t) {
      stage = name;
      total = t;
      last = 0;
      scope.postMessage({ kind: "progress", key, stage, ...(t === undefined ? {} : { total: t }), done: 0 });
    },
    advance(done) {
      const now = performance.now();
      if (done !== total && now - last < 100) return;
      last = now;
      scope.postMessage({ kind: "progress", key, stage, ...(total === undefined ? {} : { total }), done });
    },
  };
}

/** Derives and checks as `derive` of the command line does with its default flags. */
export function work(job: Job, progress: Progress): Omit<Answer & { kind: "done" }, "kind" | "key" | "ms"> {
  const network = buildNetwork(parseSpec(job.spec));
  const derived = derive(network, { lang: job.lang, ...(job.batch ? { batch: true } : {}) });
  const proof =
    job.batch !== undefined
      ? withWorkedBatch(derived, { batch: job.batch, digits: DIGITS, tolerance: TOLERANCE })
      : job.params === undefined
        ? derived
        : withWorkedExample(derived, { params: job.params, digits: DIGITS, tolerance: TOLERANCE });
  if (!job.check) return job.json ? { json: String(contentText(FORMATS.json({ proof, unchecked: true }, {})[0]!.content)) } : {};
  const steps = checkSteps(proof, {
    seed: CHECK_SEED,
    points: CHECK_POINTS,
    method: "central",
    tolerance: TOLERANCE,
    ...(job.params === undefined ? {} : { worked: { params: job.params, digits: DIGITS } }),
    ...(job.batch === undefined ? {} : { worked: { params: exampleParams(job.batch, 0), digits: DIGITS, batch: job.batch } }),
    progress,
  });
  const report = gradientCheck(proof, { seed: CHECK_SEED, full: false, tolerance: TOLERANCE, progress });
  const json = job.json
    ? { json: String(contentText(FORMATS.json({ proof, report, steps, stepChecks: steps.checks }, {})[0]!.content)) }
    : {};
  // Sent to the page by structured clone: the checks as a plain Map (a long enumeration's
  // unsampled range refers to its steps, which a clone cannot carry).
  return { report, steps: { ...steps, checks: new Map(steps.checks) }, ...json };
}

export function startWorker(scope: Scope): void {
  scope.onmessage = (e) => {
    const job = e.data;
    const t0 = performance.now();
    try {
      scope.postMessage({ kind: "done", key: job.key, ...work(job, progressOf(scope, job.key)), ms: performance.now() - t0 });
    } catch (err) {
      // A point away from every kink not found, or anything else: said on the page, never thrown.
      scope.postMessage({ kind: "failed", key: job.key, message: err instanceof Error ? err.message : String(err) });
    }
  };
}

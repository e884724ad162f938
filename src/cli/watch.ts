// derive --watch: derives once, then again whenever a file it read changes (a spec file, the
// params, a template). Changes are debounced (an editor's save is often several writes), a run
// that fails (a bad edit) is reported in one line and the watch goes on, and a change seen during
// a run starts one more run after it. Directories are watched, not files: an editor that saves by
// writing a new file and renaming it over the old one is seen too.
import { type FSWatcher, watch } from "node:fs";
import { basename, dirname, resolve } from "node:path";

/** Changes closer together than this make one run. */
export const WATCH_DEBOUNCE_MS = 150;

export interface WatchOptions {
  /** The files whose changes start a run. */
  readonly files: readonly string[];
  /** One run; it reports its own outcome, and a failure never ends the watch. */
  readonly run: () => Promise<void>;
  /** A line for the user (on stderr). */
  readonly say: (line: string) => void;
  /** Ends the watch (after the run in progress, if any); without one, it ends with the process. */
  readonly stop?: AbortSignal;
  readonly debounceMs?: number;
}

export async function watchFiles(o: WatchOptions): Promise<void> {
  const byDir = new Map<string, Set<string>>();
  for (const f of o.files) {
    const path = resolve(f);
    const names = byDir.get(dirname(path)) ?? new Set<string>();
    names.add(basename(path));
    byDir.set(dirname(path), names);
  }
  const list = o.files.join(", ");
  let current = o.run();
  await current;
  if (o.stop?.aborted) return;
  o.say(`watching ${list} for changes (Ctrl-C stops)`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  const fire = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    do {
      again = false;
      o.say("a watched file changed: deriving again");
      current = o.run();
      await current;
    } while (again && !o.stop?.aborted);
    running = false;
  };
  const changed = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void fire(), o.debounceMs ?? WATCH_DEBOUNCE_MS);
  };
  await new Promise<void>((done) => {
    const watchers: FSWatcher[] = [];
    const end = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      for (const w of watchers) w.close();
      void current.then(done);
    };
    for (const [dir, names] of byDir) {
      const w = watch(dir, (_event, name) => {
        if (name === null || names.has(String(name))) changed();
      });
      // A watched directory that goes away: said once, and the others are still watched.
      w.on("error", (e) => o.say(`cannot watch ${dir} any more: ${(e as Error).message}`));
      watchers.push(w);
    }
    if (o.stop === undefined) return;
    if (o.stop.aborted) end();
    else o.stop.addEventListener("abort", end, { once: true });
  });
}

// What a template can reach. Templates travel between colleagues like documents, so they are
// treated as data: while one of ours renders, nunjucks's member lookup refuses every path to
// code (`constructor`, `__proto__`, `prototype`, and any member that is a function or belongs to
// one: `range.constructor("return process")()`, `"".constructor.constructor(...)`,
// `x.__proto__`, `s.repeat(...)`), and the globals and filters that could build huge values are
// bounded (range, batch, slice, center, indent) or removed (cycler, whose state lives in methods,
// and lipsum); names that every object has (constructor, __proto__, valueOf) are not variables.
// Time is bounded too: loop iterations and macro calls draw on one step budget per rendering.
// Outside our renderings, nunjucks behaves as usual for any other user in the same process.
import nunjucks from "nunjucks";

export const SANDBOX_ERROR = "not allowed in a template:";
/** Elements that all the `range` calls of one rendering may produce together. */
export const RANGE_BUDGET = 1_000_000;
/** Loop iterations and macro calls that one rendering may take together. */
export const STEP_BUDGET = 1_000_000;
/** The start of the message of a rendering that ran out of steps. */
export const BUDGET_ERROR = "template steps exhausted:";
/** The largest count or width a filter may be given. */
export const FILTER_LIMIT = 10_000;

const FORBIDDEN = new Set([
  "constructor",
  "__proto__",
  "prototype",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
  "caller",
  "callee",
  "arguments",
  "apply",
  "call",
  "bind",
]);

type Runtime = {
  memberLookup: (obj: unknown, val: unknown) => unknown;
  contextOrFrameLookup: (context: unknown, frame: unknown, name: string) => unknown;
  fromIterator: (arr: unknown) => unknown;
  makeMacro: (argNames: unknown, kwargNames: unknown, func: unknown) => (...args: unknown[]) => unknown;
};
const runtime = (nunjucks as unknown as { runtime: Runtime }).runtime;
const original = runtime.memberLookup;
const originalLookup = runtime.contextOrFrameLookup;
const originalIterator = runtime.fromIterator;
const originalMacro = runtime.makeMacro;

let active = false;
let rangeLeft = 0;
let stepsLeft = 0;

function steps(n: number): void {
  stepsLeft -= n;
  if (stepsLeft < 0) throw new Error(`${BUDGET_ERROR} more than ${STEP_BUDGET} loop iterations and macro calls`);
}

const refuse = (what: string): never => {
  throw new Error(`${SANDBOX_ERROR} ${what}`);
};

runtime.memberLookup = function memberLookup(obj: unknown, val: unknown): unknown {
  if (!active) return original(obj, val);
  if (obj === undefined || obj === null) return undefined;
  const name = String(val).slice(0, 40);
  if (FORBIDDEN.has(String(val))) refuse(`the member "${name}"`);
  if (typeof obj === "function") refuse(`a member of a function ("${name}")`);
  const value = (obj as Record<string, unknown>)[String(val)];
  if (typeof value === "function") refuse(`calling the method "${name}"`);
  return value;
};

// Variables live in plain objects, so a bare `constructor` or `__proto__` would find Object's own.
runtime.contextOrFrameLookup = function contextOrFrameLookup(context: unknown, frame: unknown, name: string): unknown {
  if (active && name in Object.prototype) refuse(`the name "${String(name).slice(0, 40)}"`);
  return originalLookup(context, frame, name);
};

// Every loop starts by passing what it iterates over here: its length is the loop's steps.
runtime.fromIterator = function fromIterator(arr: unknown): unknown {
  const out = originalIterator(arr);
  if (active && typeof out === "string") steps(out.length);
  else if (active && typeof out === "object" && out !== null) steps(Array.isArray(out) ? out.length : Object.keys(out).length);
  return out;
};

// A macro defined while the sandbox is on counts a step at each call.
runtime.makeMacro = function makeMacro(argNames: unknown, kwargNames: unknown, func: unknown) {
  const macro = originalMacro(argNames, kwargNames, func);
  if (!active) return macro;
  return function counted(this: unknown, ...args: unknown[]): unknown {
    steps(1);
    return macro.apply(this, args);
  };
};

/** Runs one rendering with the sandbox on. Rendering is synchronous, so a flag is enough. */
export function sandboxed<T>(render: () => T): T {
  const outer = active;
  active = true;
  rangeLeft = RANGE_BUDGET;
  // A rendering inside another (none of ours does) shares the outer one's budget.
  if (!outer) stepsLeft = STEP_BUDGET;
  try {
    return render();
  } finally {
    active = outer;
  }
}

const count = (v: unknown, what: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || Math.abs(n) > FILTER_LIMIT) refuse(`${what} ${String(v).slice(0, 20)} (at most ${FILTER_LIMIT})`);
  return n;
};

function range(start: number, stop?: number, step = 1): number[] {
  const [from, to] = stop === undefined ? [0, Number(start)] : [Number(start), Number(stop)];
  const by = Number(step);
  if (!Number.isFinite(from) || !Number.isFinite(to) || !Number.isFinite(by) || by === 0) refuse("a range that does not end");
  const length = Math.max(0, Math.ceil((to - from) / by));
  if (length > rangeLeft) refuse(`ranges of more than ${RANGE_BUDGET} elements in all`);
  rangeLeft -= length;
  return Array.from({ length }, (_, i) => from + i * by);
}

/** The globals a template sees: nunjucks's own, bounded, without cycler and lipsum. */
export function sandboxGlobals(globals: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = { ...globals, range };
  delete kept.cycler;
  delete kept.lipsum;
  return kept;
}

/** Filters whose numeric argument sizes their result get that argument bounded. */
export function boundFilters(env: {
  getFilter(name: string): (...a: unknown[]) => unknown;
  addFilter(name: string, f: (...a: unknown[]) => unknown): unknown;
}): void {
  const at: Record<string, number> = { batch: 1, slice: 1, center: 1, indent: 1 };
  for (const [name, position] of Object.entries(at)) {
    const f = env.getFilter(name);
    env.addFilter(name, (...args: unknown[]) => {
      if (args[position] !== undefined) count(args[position], `${name} with`);
      return f(...args);
    });
  }
}

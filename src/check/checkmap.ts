// The checks of a proof's steps by id, without one entry per step of a long enumeration that a
// sample left out: such an enumeration (10^6 updates of 10^6 weights) is one range whose steps all
// share one "not sampled" check, and only the sampled steps have entries of their own. It reads
// like any ReadonlyMap, in the proof's order.
import type { Enumeration } from "../derive/enumeration.js";
import type { StepCheck } from "./types.js";

interface Range {
  readonly steps: Enumeration;
  /** The check of every step of the range that has no entry of its own. */
  readonly check: StepCheck;
  /** How many steps of the range have no entry of their own. */
  readonly left: number;
}

type Segment = { readonly id: string } | { readonly range: Range };

export class StepCheckMap implements ReadonlyMap<string, StepCheck> {
  private readonly own = new Map<string, StepCheck>();
  private readonly order: Segment[] = [];
  private readonly ranges: Range[] = [];
  /** The ranges of each id prefix, by the number of their first id. */
  private sorted: Map<string, Range[]> | undefined;

  /** The check of one step, in order (a step of a range, sampled: its own check, listed with the range). */
  set(id: string, check: StepCheck): this {
    if (!this.own.has(id) && this.rangeOf(id) === undefined) this.order.push({ id });
    this.own.set(id, check);
    return this;
  }

  /** Every step of an enumeration without an entry of its own has `check`; `left` of them. */
  setRange(steps: Enumeration, check: StepCheck, left: number): this {
    const range = { steps, check, left };
    this.order.push({ range });
    this.ranges.push(range);
    this.sorted = undefined;
    return this;
  }

  get size(): number {
    return this.own.size + this.ranges.reduce((n, r) => n + r.left, 0);
  }

  get(id: string): StepCheck | undefined {
    return this.own.get(id) ?? this.rangeOf(id)?.check;
  }

  /** The range that holds a step id, if one does. */
  private rangeOf(id: string): Range | undefined {
    if (this.ranges.length === 0) return undefined;
    // The last range of the id's prefix that starts at or before the id's number.
    const m = /^(\D*)(\d+)$/.exec(id);
    if (m === null) return undefined;
    const list = this.byPrefix().get(m[1]!) ?? [];
    const n = Number(m[2]);
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.steps.first <= n) lo = mid + 1;
      else hi = mid - 1;
    }
    const r = list[hi];
    return r !== undefined && r.steps.indexOf(id) !== undefined ? r : undefined;
  }

  private byPrefix(): Map<string, Range[]> {
    if (this.sorted === undefined) {
      this.sorted = new Map();
      for (const r of this.ranges) {
        const list = this.sorted.get(r.steps.prefix) ?? [];
        list.push(r);
        this.sorted.set(r.steps.prefix, list);
      }
      for (const list of this.sorted.values()) list.sort((a, b) => a.steps.first - b.steps.first);
    }
    return this.sorted;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** How many steps have a check of this status, without listing them. */
  count(test: (c: StepCheck) => boolean): number {
    let n = 0;
    for (const c of this.own.values()) if (test(c)) n++;
    for (const r of this.ranges) if (test(r.check)) n += r.left;
    return n;
  }

  *entries(): MapIterator<[string, StepCheck]> {
    for (const seg of this.order) {
      if ("id" in seg) {
        yield [seg.id, this.own.get(seg.id)!];
        continue;
      }
      const e = seg.range.steps;
      for (let i = 0; i < e.length; i++) {
        const id = e.idAt(i);
        yield [id, this.own.get(id) ?? seg.range.check];
      }
    }
  }
  *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }
  *values(): MapIterator<StepCheck> {
    for (const [, v] of this.entries()) yield v;
  }
  [Symbol.iterator](): MapIterator<[string, StepCheck]> {
    return this.entries();
  }
  forEach(f: (value: StepCheck, key: string, map: ReadonlyMap<string, StepCheck>) => void): void {
    for (const [k, v] of this.entries()) f(v, k, this);
  }
}

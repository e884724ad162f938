// Containers whose entries are made when they are read, never stored: the per-node and per-weight
// results of a proof (Results, Proof.forward) and the steps of an enumeration. Each read makes a
// new, equal tree; a reader that needs one entry twice keeps it.
import type { Seq } from "./proof.js";

/** A read-only map over known keys whose values are computed on each read. */
export class LazyMap<K, V> implements ReadonlyMap<K, V> {
  private readonly index: ReadonlySet<K>;
  constructor(
    private readonly order: readonly K[],
    private readonly make: (key: K) => V,
  ) {
    this.index = new Set(order);
  }
  get size(): number {
    return this.order.length;
  }
  has(key: K): boolean {
    return this.index.has(key);
  }
  get(key: K): V | undefined {
    return this.index.has(key) ? this.make(key) : undefined;
  }
  *keys(): MapIterator<K> {
    yield* this.order;
  }
  *values(): MapIterator<V> {
    for (const k of this.order) yield this.make(k);
  }
  *entries(): MapIterator<[K, V]> {
    for (const k of this.order) yield [k, this.make(k)];
  }
  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
  forEach(f: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const k of this.order) f(this.make(k), k, this);
  }
}

/** A list of `length` items, the i-th made by make(i) on each read. */
export class LazySeq<T> implements Seq<T> {
  constructor(
    readonly length: number,
    private readonly make: (i: number) => T,
  ) {}
  at(i: number): T | undefined {
    return Number.isInteger(i) && i >= 0 && i < this.length ? this.make(i) : undefined;
  }
  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; i < this.length; i++) yield this.make(i);
  }
}

/** Every item of a list, in an array (for lists known to be short). */
export const toArray = <T>(s: Seq<T>): T[] => (Array.isArray(s) ? (s as T[]) : [...s]);

/**
 * Holds WeakRefs to a sample of per-request objects (every `every`-th request, at most `capacity`
 * of them), to show after a full GC that none outlived its request: a leak of per-request state
 * through a registry, a closure or a cache would keep them reachable.
 */
export class WeakProbe {
  readonly #refs: WeakRef<object>[] = [];
  readonly #every: number;
  readonly #capacity: number;
  #seen = 0;

  constructor(every: number, capacity: number) {
    this.#every = every;
    this.#capacity = capacity;
  }

  /** Counts one request, and samples its objects when its turn comes. */
  track(...objects: object[]): void {
    this.#seen += 1;
    if (this.#seen % this.#every !== 0 || this.#refs.length >= this.#capacity) return;
    for (const object of objects) this.#refs.push(new WeakRef(object));
  }

  /** How many objects are sampled. */
  get tracked(): number {
    return this.#refs.length;
  }

  /** How many sampled objects are still reachable; meaningful right after a full GC. */
  survivors(): number {
    return this.#refs.filter((ref) => ref.deref() !== undefined).length;
  }
}

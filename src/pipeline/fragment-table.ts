import { detach } from "./detach-string";

const encoder = new TextEncoder();

/** Keys: strings, numbers, or objects shared by rows (a place, a parsed date), which hash by identity. */
type Key = string | number | object;
type Level = Map<Key, Level | number>;

/**
 * JSON fragments shared by many features (a place, an actor list, a date range, a governorate with its position
 * phrase), encoded to UTF-8 once and referred to by number. Incidents store the number; the writer copies bytes.
 * Looked up by up to three keys through nested maps: a combined string key would be built, flattened and hashed
 * for every row, which cost more than the lookup itself; shared objects as keys cost the least.
 */
export class FragmentTable<M = undefined> {
  private readonly root: Level = new Map();
  readonly bytes: Uint8Array[] = [];
  readonly meta: M[] = [];

  /** The number of the fragment for (a, b, c); `make` runs only the first time the keys are seen. */
  index(a: Key, b: Key, c: Key, make: () => { json: string; meta: M }): number {
    const one = this.level(this.root, a);
    const two = this.level(one, b);
    const found = two.get(c);
    if (found !== undefined) return found as number;
    const made = make();
    const i = this.bytes.length;
    this.bytes.push(encoder.encode(made.json));
    this.meta.push(made.meta);
    two.set(keep(c), i);
    return i;
  }

  private level(parent: Level, key: Key): Level {
    let next = parent.get(key) as Level | undefined;
    if (next === undefined) {
      next = new Map();
      parent.set(keep(key), next);
    }
    return next;
  }
}

/** A key that outlives the row: copied out of the parsed chunk (see detach-string.ts). */
function keep(key: Key): Key {
  return typeof key === "string" ? detach(key) : key;
}

import { detach } from "./detach-string.ts";

const encoder = new TextEncoder();

/** Keys: strings, numbers, or objects shared by rows (a place, a parsed date), which hash by identity. */
type Key = string | number | object;
type Level = Map<Key, Level | number>;

/**
 * JSON fragments shared by many features (a place, an actor list, a date range, a governorate with its position
 * phrase), encoded to UTF-8 once and referred to by number. Incidents store the number; the writer copies bytes.
 * Looked up by one to three keys through nested maps, one level per key: a combined string key would be built,
 * flattened and hashed for every row, which cost more than the lookup itself; shared objects as keys cost the
 * least. Each key count has its own root, so (a) and (a, b) never meet.
 *
 * `find` then `add` (rather than one call taking a callback) because this runs twice per row at 1M rows: a
 * closure per call was measurable garbage.
 * @example let i = table.find(place); if (i === -1) i = table.add(`,"place":…`, undefined, place);
 */
export class FragmentTable<M = undefined> {
  private readonly roots: [Level, Level, Level] = [new Map(), new Map(), new Map()];
  readonly bytes: Uint8Array<ArrayBuffer>[] = [];
  readonly meta: M[] = [];

  /** The number of the fragment keyed by (a), (a, b) or (a, b, c); -1 when there is none yet. */
  find(a: Key, b?: Key, c?: Key): number {
    if (b === undefined) return (this.roots[0].get(a) as number | undefined) ?? -1;
    const two = (c === undefined ? this.roots[1] : this.roots[2]).get(a) as Level | undefined;
    if (two === undefined) return -1;
    if (c === undefined) return (two.get(b) as number | undefined) ?? -1;
    const three = two.get(b) as Level | undefined;
    if (three === undefined) return -1;
    return (three.get(c) as number | undefined) ?? -1;
  }

  /** Stores a new fragment under the keys (after `find` said -1) and returns its number. */
  add(json: string, meta: M, a: Key, b?: Key, c?: Key): number {
    const i = this.bytes.length;
    this.bytes.push(encoder.encode(json));
    this.meta.push(meta);
    if (b === undefined) this.roots[0].set(keep(a), i);
    else if (c === undefined) level(this.roots[1], a).set(keep(b), i);
    else level(level(this.roots[2], a), b).set(keep(c), i);
    return i;
  }

  /**
   * Appends fragments made elsewhere (another thread's table) under no keys: they are only written, never found.
   * Returns the number the first one gets; the others follow in order.
   */
  appendAll(bytes: Uint8Array<ArrayBuffer>[], meta: M[]): number {
    const first = this.bytes.length;
    for (let i = 0; i < bytes.length; i++) {
      this.bytes.push(bytes[i] as Uint8Array<ArrayBuffer>);
      this.meta.push(meta[i] as M);
    }
    return first;
  }
}

function level(parent: Level, key: Key): Level {
  let next = parent.get(key) as Level | undefined;
  if (next === undefined) {
    next = new Map();
    parent.set(keep(key), next);
  }
  return next;
}

/** A key that outlives the row: copied out of the parsed chunk (see detach-string.ts). */
function keep(key: Key): Key {
  return typeof key === "string" ? detach(key) : key;
}

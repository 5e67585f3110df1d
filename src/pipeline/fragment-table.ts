import { detach } from "./detach-string";

const encoder = new TextEncoder();

/**
 * JSON fragments shared by many features (a place, an actor list, a date range, a governorate with its position
 * phrase), encoded to UTF-8 once and referred to by number. Incidents store the number; the writer copies bytes.
 */
export class FragmentTable<M = undefined> {
  private readonly byKey = new Map<string, number>();
  readonly bytes: Uint8Array[] = [];
  readonly meta: M[] = [];

  /** The number of the fragment for `key`; `make` runs only the first time a key is seen. */
  index(key: string, make: () => { json: string; meta: M }): number {
    let i = this.byKey.get(key);
    if (i === undefined) {
      const made = make();
      i = this.bytes.length;
      this.bytes.push(encoder.encode(made.json));
      this.meta.push(made.meta);
      // The key may be cut from a parsed chunk; a copy keeps the chunk from staying in memory.
      this.byKey.set(detach(key), i);
    }
    return i;
  }
}

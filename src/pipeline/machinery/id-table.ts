import { int32Column } from "../../core/growing-column.ts";

const EMPTY = -1;

/**
 * Ids → row numbers (non-negative integers), for the sheets' big id lists: the same answers as a
 * Map<string, number>, about twice as fast at a million ids. A Map's lookup of a key it lacks visits its entries'
 * key strings, scattered over the heap, so each lookup misses the cache several times; here a lookup reads one
 * slot of a flat table of hashes (8 bytes a slot) and touches a key string only when the hashes are equal.
 * Open addressing with linear probing, kept at most half full.
 * @example const rows = new IdTable(); rows.set("inc-1", 2); rows.get("inc-1") // 2
 */
export class IdTable {
  private mask = 1023;
  /** Per slot: the entry's number, or EMPTY. */
  private slots = new Int32Array(this.mask + 1).fill(EMPTY);
  /** Per slot: the hash of the entry's key. */
  private hashes = new Int32Array(this.mask + 1);
  private readonly entryKeys: string[] = [];
  private readonly entryValues = int32Column();

  get size(): number {
    return this.entryKeys.length;
  }

  get(key: string): number | undefined {
    const slot = this.find(key, hashOf(key));
    const entry = this.slots[slot] as number;
    return entry === EMPTY ? undefined : this.entryValues.get(entry);
  }

  set(key: string, value: number): void {
    const hash = hashOf(key);
    let slot = this.find(key, hash);
    let entry = this.slots[slot] as number;
    if (entry !== EMPTY) {
      this.entryValues.set(entry, value);
      return;
    }
    if (2 * (this.entryKeys.length + 1) > this.slots.length) {
      this.grow();
      slot = this.find(key, hash);
    }
    entry = this.entryKeys.length;
    this.entryKeys.push(key);
    this.entryValues.push(value);
    this.slots[slot] = entry;
    this.hashes[slot] = hash;
  }

  /** The keys, in the order they were first set. */
  keys(): IterableIterator<string> {
    return this.entryKeys.values();
  }

  /** The slot holding `key`, or the empty slot where it would go. */
  private find(key: string, hash: number): number {
    const { slots, hashes, mask } = this;
    let slot = hash & mask;
    for (;;) {
      const entry = slots[slot] as number;
      if (entry === EMPTY) return slot;
      if (hashes[slot] === hash && this.entryKeys[entry] === key) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const oldSlots = this.slots;
    const oldHashes = this.hashes;
    const size = oldSlots.length * 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size).fill(EMPTY);
    this.hashes = new Int32Array(size);
    for (let s = 0; s < oldSlots.length; s++) {
      const entry = oldSlots[s] as number;
      if (entry === EMPTY) continue;
      const hash = oldHashes[s] as number;
      let slot = hash & this.mask;
      while (this.slots[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.slots[slot] = entry;
      this.hashes[slot] = hash;
    }
  }
}

/** FNV-1a over the UTF-16 code units, mixed at the end so that the low bits (the slot) depend on every unit. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}

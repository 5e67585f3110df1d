import { GrowingColumn, int32Column } from "../../core/growing-column.ts";
import { writeJsonString, writeUtf8 } from "./utf8.ts";

// Entries are packed into blocks of this size; an entry never spans two blocks, so each is one subarray.
const BLOCK_BYTES = 8 << 20;

/** A ByteArena's memory, to hand to another thread (its ArrayBuffers can be transferred) and rebuild there. */
export interface ByteArenaParts {
  blocks: Uint8Array<ArrayBuffer>[];
  block: Int32Array<ArrayBuffer>;
  start: Int32Array<ArrayBuffer>;
  end: Int32Array<ArrayBuffer>;
}

/** An arena's entries for reading: entry i is blocks[block[i]] from start[i] to end[i]. */
export interface ByteArenaView {
  blocks: Uint8Array[];
  block: Int32Array;
  start: Int32Array;
  end: Int32Array;
}

/**
 * Text kept as UTF-8 bytes in large blocks, one entry per row. Used for the JSON of each incident's and claim's
 * own free text: at 1M incidents, a million JS strings (two bytes per char once Arabic is in them, plus a header
 * each) would cost about twice as much, and the bytes are what the output file needs anyway. Cells are encoded
 * straight from the parsed text, so no per-row JSON string is ever built.
 *
 * An entry is written as `open(room)`, then `ascii`/`json` pieces, then `close()`.
 */
export class ByteArena {
  private blocks: Uint8Array<ArrayBuffer>[] = [new Uint8Array(BLOCK_BYTES)];
  private current = this.blocks[0] as Uint8Array<ArrayBuffer>;
  private used = 0;
  private block = int32Column();
  private start = int32Column();
  private end = int32Column();

  /** The entries so far, as typed arrays (block memory is shared with this arena, not copied). */
  parts(): ByteArenaParts {
    const n = this.end.length;
    return {
      // The last block is cut to what is used, so a transfer moves no unused memory.
      blocks: this.blocks.map((b, i) => (i === this.blocks.length - 1 ? b.slice(0, this.used) : b)),
      block: this.block.data.slice(0, n),
      start: this.start.data.slice(0, n),
      end: this.end.data.slice(0, n),
    };
  }

  /**
   * The entries as they are (views of this arena's memory, not copies), for a writer that copies each straight from
   * its block: a subarray per entry would be an object per feature and claim, ≈ 3M at 1M incidents.
   */
  view(): ByteArenaView {
    const n = this.end.length;
    return {
      blocks: this.blocks,
      block: this.block.data.subarray(0, n),
      start: this.start.data.subarray(0, n),
      end: this.end.data.subarray(0, n),
    };
  }

  /** An arena holding `parts`' entries, for reading (`bytes`). */
  static from(parts: ByteArenaParts): ByteArena {
    const arena = new ByteArena();
    arena.blocks = parts.blocks;
    arena.block = GrowingColumn.of(parts.block);
    arena.start = GrowingColumn.of(parts.start);
    arena.end = GrowingColumn.of(parts.end);
    arena.current = new Uint8Array(0);
    return arena;
  }

  /**
   * Takes over `parts`' entries (not copied: its blocks become this arena's), after this arena's own, leaving out
   * the entries `drop` marks. Writing goes on in a fresh block.
   */
  adopt(parts: ByteArenaParts, drop?: Uint8Array): void {
    const first = this.blocks.length;
    for (const b of parts.blocks) this.blocks.push(b);
    for (let i = 0; i < parts.end.length; i++) {
      if (drop !== undefined && drop[i] === 1) continue;
      this.block.push(first + (parts.block[i] as number));
      this.start.push(parts.start[i] as number);
      this.end.push(parts.end[i] as number);
    }
    this.current = new Uint8Array(0);
    this.used = 0;
  }

  /** Starts an entry; `chars` is the total length of the pieces to come (room is made for the worst case). */
  open(chars: number): void {
    const worst = chars * 6 + 64;
    if (this.used + worst > this.current.length) {
      this.current = new Uint8Array(Math.max(BLOCK_BYTES, worst));
      this.blocks.push(this.current);
      this.used = 0;
    }
    this.block.push(this.blocks.length - 1);
    this.start.push(this.used);
  }

  /** Text as is (UTF-8). */
  text(value: string): void {
    this.used = writeUtf8(value, this.current, this.used);
  }

  /** Pre-encoded bytes (fixed JSON punctuation and keys); a plain loop beats set() for a few bytes. */
  bytesOf(value: Uint8Array): void {
    const target = this.current;
    let at = this.used;
    for (let i = 0; i < value.length; i++) target[at++] = value[i] as number;
    this.used = at;
  }

  /** A JSON string literal of `value`, exactly as JSON.stringify writes it. */
  json(value: string): void {
    this.used = writeJsonString(value, this.current, this.used);
  }

  /** Ends the entry; returns its number (0, 1, 2, … in order). */
  close(): number {
    return this.end.push(this.used);
  }
}

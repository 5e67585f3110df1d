import type { CollectionMeta } from "../../core/incident.ts";
import type { IncidentStore } from "../incident-store.ts";
import type { ByteArenaView } from "../machinery/byte-arena.ts";

// Output is gathered in a buffer of this size and handed out whole: few, large writes.
const BUFFER_BYTES = 1 << 20;
const encoder = new TextEncoder();
const ascii = (text: string) => encoder.encode(text);

// The fixed pieces of a feature, merged wherever nothing varies between them: each copy has a fixed cost
// (a TypedArray.set call) that, at 1M features, matters more than the bytes copied. The title/summary entry
// opens with `",` and the event-type fragment ends with `,"claims":[` (see incident-store.ts), for the same reason.
const FIRST_FEATURE = ascii('\n{"type":"Feature","id":"');
const NEXT_FEATURE = ascii(',\n{"type":"Feature","id":"');
const COMMA = 0x2c;
const SOURCE_IDS = ascii('],"source_ids":[');
const CONTESTED_TRUE = ascii('],"contested":true}}');
const CONTESTED_FALSE = ascii('],"contested":false}}');
const END = ascii("\n]}\n");

// Features are written in batches of this many: see OutputBatch.
const BATCH_SIZE = 1 << 14;

/**
 * A reusable byte buffer; `take()` hands out what was written and starts over in the same memory. Handing out a
 * fresh 1 MB array per chunk meant zeroing (and faulting in) 1.4 GB at 1M features for nothing, since every
 * consumer writes or decodes the chunk before asking for the next one.
 */
class ByteBuffer {
  buffer = new Uint8Array(BUFFER_BYTES);
  length = 0;

  put(bytes: Uint8Array): void {
    const n = bytes.length;
    if (this.length + n > this.buffer.length) this.grow(n);
    this.buffer.set(bytes, this.length);
    this.length += n;
  }

  /** Entry `i` of an arena, copied from its block. */
  putEntry(arena: ByteArenaView, i: number): void {
    this.putRange(
      arena.blocks[arena.block[i] as number] as Uint8Array,
      arena.start[i] as number,
      arena.end[i] as number,
    );
  }

  /** Bytes `from`–`to` of `source`. */
  putRange(source: Uint8Array, from: number, to: number): void {
    const n = to - from;
    if (this.length + n > this.buffer.length) this.grow(n);
    this.buffer.set(source.subarray(from, to), this.length);
    this.length += n;
  }

  /** Text known to be ASCII (slugs, ISO dates, numbers): one byte per character, no encoder call. */
  putAscii(text: string): void {
    if (this.length + text.length > this.buffer.length) this.grow(text.length);
    const b = this.buffer;
    let at = this.length;
    for (let i = 0; i < text.length; i++) b[at++] = text.charCodeAt(i);
    this.length = at;
  }

  putByte(byte: number): void {
    if (this.length === this.buffer.length) this.grow(1);
    this.buffer[this.length++] = byte;
  }

  take(): Uint8Array {
    const out = this.buffer.subarray(0, this.length);
    this.length = 0;
    return out;
  }

  private grow(extra: number): void {
    const next = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }
}

/**
 * Told of each feature as soon as it is written: `incident` is its index in the store, and its JSON text (no
 * separator) is `bytes` from `from` to `to`, valid during the call only.
 */
export type FeatureSink = (incident: number, bytes: Uint8Array, from: number, to: number) => void;

/**
 * The output file as UTF-8 chunks of about 1 MB: the header with bbox and meta (indented), then one feature per
 * line in `order`. Byte for byte what JSON.stringify gives for the same features (the fixture snapshots and a unit
 * test hold it to that), but built by copying pre-encoded fragments; nothing per feature becomes an object.
 * `onFeature` sees each feature's bytes as they are made (the incident table is made from them in the same pass).
 */
export function* serializeStore(
  store: IncidentStore,
  order: Int32Array,
  meta: CollectionMeta,
  onFeature?: FeatureSink,
): Generator<Uint8Array> {
  const head: Record<string, unknown> = { type: "FeatureCollection" };
  if (store.count > 0) head.bbox = store.bbox;
  head.meta = meta;
  const headText = JSON.stringify(head, null, 2);
  const out = new ByteBuffer();
  out.put(encoder.encode(`${headText.slice(0, -2)},\n  "features": [`));

  const sourceIds = store.sourceIds.map((id) => ascii(`"${id}"`));
  const claimSources: number[] = [];
  const text = store.text.view();
  const claimOpen = store.claimOpen.view();
  const claimTail = store.claimTail.view();
  const batch = new OutputBatch(Math.min(order.length, BATCH_SIZE));
  for (let from = 0; from < order.length; from += BATCH_SIZE) {
    const g = batch.fill(store, text, order, from);
    for (let j = 0; j < g.length; j++) {
      const id = g.ids[j] as string;
      const first = from + j === 0;
      // The feature's own text starts after the separator (a line break, and a comma before all but the first).
      const featureStart = out.length + (first ? 1 : 2);
      out.put(first ? FIRST_FEATURE : NEXT_FEATURE);
      out.putAscii(id);
      const geo = g.geo[j] as number;
      // The point's geometry and the opening of the properties, made once per distinct point (see IncidentStore).
      out.put(store.geoTable.meta[geo] as Uint8Array);
      out.putAscii(id);
      // The title and summary entry, from the batch's gathered block and range (see OutputBatch).
      out.putRange(
        text.blocks[g.textBlock[j] as number] as Uint8Array,
        g.textStart[j] as number,
        g.textEnd[j] as number,
      );
      // Each shared fragment starts with its own comma.
      out.put(store.dateTable.bytes[g.dates[j] as number] as Uint8Array);
      out.put(store.placeTable.bytes[g.place[j] as number] as Uint8Array);
      out.put(store.geoTable.bytes[geo] as Uint8Array);
      out.put(store.kindTable.bytes[g.kind[j] as number] as Uint8Array);
      claimSources.length = 0;
      let claims = 0;
      for (let c = g.firstClaim[j] as number; c !== -1; c = store.nextClaim[c] as number) {
        if (claims++ > 0) out.putByte(COMMA);
        out.putEntry(claimOpen, c);
        const head = store.claimHead[c] as number;
        out.put(store.claimHeadBytes[head] as Uint8Array);
        out.putEntry(claimTail, c);
        const source = store.claimHeadSources[head] as number;
        if (!claimSources.includes(source)) claimSources.push(source);
      }
      out.put(SOURCE_IDS);
      // Source numbers follow the sorted id list, so sorting the numbers sorts the ids.
      if (claimSources.length > 1) claimSources.sort((a, b) => a - b);
      for (let s = 0; s < claimSources.length; s++) {
        if (s > 0) out.putByte(COMMA);
        out.put(sourceIds[claimSources[s] as number] as Uint8Array);
      }
      out.put(g.contested[j] === 1 ? CONTESTED_TRUE : CONTESTED_FALSE);
      onFeature?.(order[from + j] as number, out.buffer, featureStart, out.length);
      if (out.length >= BUFFER_BYTES - 64 * 1024) yield out.take();
    }
  }
  out.put(END);
  yield out.take();
}

/**
 * The per-incident columns of the next features in output order, gathered column by column before they are
 * written. Output order is by date, so reading the store's columns feature by feature misses the cache on almost
 * every column (≈ 10 × 4 MB at 1M incidents); a loop that only gathers one column lets the processor wait for many
 * of those misses at once (the CPU it saved is in CHANGELOG.md).
 */
class OutputBatch {
  length = 0;
  readonly ids: string[];
  readonly geo: Int32Array;
  readonly dates: Int32Array;
  readonly place: Int32Array;
  readonly kind: Int32Array;
  readonly firstClaim: Int32Array;
  readonly contested: Uint8Array;
  readonly textBlock: Int32Array;
  readonly textStart: Int32Array;
  readonly textEnd: Int32Array;

  constructor(size: number) {
    this.ids = new Array<string>(size);
    this.geo = new Int32Array(size);
    this.dates = new Int32Array(size);
    this.place = new Int32Array(size);
    this.kind = new Int32Array(size);
    this.firstClaim = new Int32Array(size);
    this.contested = new Uint8Array(size);
    this.textBlock = new Int32Array(size);
    this.textStart = new Int32Array(size);
    this.textEnd = new Int32Array(size);
  }

  /** Gathers the features order[from], order[from + 1], … (as many as fit, up to the end). */
  fill(store: IncidentStore, text: ByteArenaView, order: Int32Array, from: number): this {
    const picked = order.subarray(from, from + this.geo.length);
    this.length = picked.length;
    gather(picked, store.geo.data, this.geo);
    gather(picked, store.dates.data, this.dates);
    gather(picked, store.place.data, this.place);
    gather(picked, store.kind.data, this.kind);
    gather(picked, store.firstClaim.data, this.firstClaim);
    gather(picked, store.contested.data, this.contested);
    gather(picked, text.block, this.textBlock);
    gather(picked, text.start, this.textStart);
    gather(picked, text.end, this.textEnd);
    const ids = store.ids;
    for (let j = 0; j < picked.length; j++) this.ids[j] = ids[picked[j] as number] as string;
    return this;
  }
}

function gather(indices: Int32Array, from: Int32Array | Uint8Array, into: Int32Array | Uint8Array): void {
  for (let j = 0; j < indices.length; j++) into[j] = from[indices[j] as number] as number;
}

import type { CollectionMeta } from "../core/incident";
import type { ByteArena } from "./byte-arena";
import type { IncidentStore } from "./incident-store";

// Output is gathered in a buffer of this size and handed out whole: few, large writes.
const BUFFER_BYTES = 1 << 20;
const encoder = new TextEncoder();
const ascii = (text: string) => encoder.encode(text);

// The fixed pieces of a feature, merged wherever nothing varies between them: each copy has a fixed cost
// (≈ 25 ns for TypedArray.set) that, at 1M features, matters more than the bytes copied. The title/summary entry
// opens with `",` and the event-type fragment ends with `,"claims":[` (see incident-store.ts), for the same reason.
const FIRST_FEATURE = ascii('\n{"type":"Feature","id":"');
const NEXT_FEATURE = ascii(',\n{"type":"Feature","id":"');
const COMMA = 0x2c;
const SOURCE_IDS = ascii('],"source_ids":[');
const CONTESTED_TRUE = ascii('],"contested":true}}');
const CONTESTED_FALSE = ascii('],"contested":false}}');
const END = ascii("\n]}\n");

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

  /** Entry `i` of `arena`, copied from its block. */
  putEntry(arena: ByteArena, i: number): void {
    const from = arena.startOf(i);
    const n = arena.endOf(i) - from;
    if (this.length + n > this.buffer.length) this.grow(n);
    this.buffer.set(arena.blockOf(i).subarray(from, from + n), this.length);
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
 * The output file as UTF-8 chunks of about 1 MB: the header with bbox and meta (indented), then one feature per
 * line in `order`. Byte for byte what JSON.stringify gives for the same features (the fixture snapshots and a unit
 * test hold it to that), but built by copying pre-encoded fragments; nothing per feature becomes an object.
 */
export function* serializeStore(
  store: IncidentStore,
  order: Int32Array,
  meta: CollectionMeta,
): Generator<Uint8Array> {
  const head: Record<string, unknown> = { type: "FeatureCollection" };
  if (store.count > 0) head.bbox = store.bbox;
  head.meta = meta;
  const headText = JSON.stringify(head, null, 2);
  const out = new ByteBuffer();
  out.put(encoder.encode(`${headText.slice(0, -2)},\n  "features": [`));

  const sourceIds = store.sourceIds.map((id) => ascii(`"${id}"`));
  const claimSources: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const id = store.ids[i] as string;
    out.put(k === 0 ? FIRST_FEATURE : NEXT_FEATURE);
    out.putAscii(id);
    const geo = store.geo.get(i);
    // The point's geometry and the opening of the properties, made once per distinct point (see IncidentStore).
    out.put(store.geoTable.meta[geo] as Uint8Array);
    out.putAscii(id);
    out.putEntry(store.text, i);
    // Each shared fragment starts with its own comma.
    out.put(store.dateTable.bytes[store.dates.get(i)] as Uint8Array);
    out.put(store.placeTable.bytes[store.place.get(i)] as Uint8Array);
    out.put(store.geoTable.bytes[geo] as Uint8Array);
    out.put(store.kindTable.bytes[store.kind.get(i)] as Uint8Array);
    claimSources.length = 0;
    let claims = 0;
    for (let c = store.firstClaim.get(i); c !== -1; c = store.nextClaim[c] as number) {
      if (claims++ > 0) out.putByte(COMMA);
      out.putEntry(store.claimOpen, c);
      const head = store.claimHead[c] as number;
      out.put(store.claimHeadBytes[head] as Uint8Array);
      out.putEntry(store.claimTail, c);
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
    out.put(store.contested.get(i) === 1 ? CONTESTED_TRUE : CONTESTED_FALSE);
    if (out.length >= BUFFER_BYTES - 64 * 1024) yield out.take();
  }
  out.put(END);
  yield out.take();
}

const encoder = new TextEncoder();

export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
export const COMMA = 0x2c;
const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const CLOSE = encoder.encode("\n]\n");

/** Bytes written one piece at a time into memory that grows (and is reused after `take`). */
export class ByteBuffer {
  private bytes = new Uint8Array(1 << 16);
  length = 0;

  byte(b: number): void {
    this.reserve(1);
    this.bytes[this.length++] = b;
  }

  range(source: Uint8Array, from: number, to: number): void {
    this.reserve(to - from);
    this.bytes.set(source.subarray(from, to), this.length);
    this.length += to - from;
  }

  /** `text` as a JSON string: byte by byte when it is plain ASCII (ids are), else through JSON.stringify. */
  jsonString(text: string): void {
    this.reserve(text.length + 2);
    const bytes = this.bytes;
    let at = this.length;
    bytes[at++] = QUOTE;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x20 || c >= 0x7f || c === QUOTE || c === BACKSLASH) {
        const json = encoder.encode(JSON.stringify(text));
        this.range(json, 0, json.length);
        return;
      }
      bytes[at++] = c;
    }
    bytes[at++] = QUOTE;
    this.length = at;
  }

  /** The bytes so far, valid until the next write; starts over in the same memory. */
  take(): Uint8Array {
    const out = this.bytes.subarray(0, this.length);
    this.length = 0;
    return out;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}

/**
 * The detail shard being filled, as bytes: `[`, then each feature's JSON on a line of its own, separated by commas,
 * then `]` (what `[\n${features.join(",\n")}\n]\n` gives). Its memory is reused for the next shard.
 */
export class ShardBuffer {
  private readonly buffer = new ByteBuffer();
  count = 0;

  add(source: Uint8Array, from: number, to: number): void {
    this.buffer.byte(this.count === 0 ? OPEN_BRACKET : COMMA);
    this.buffer.byte(NEWLINE);
    this.buffer.range(source, from, to);
    this.count++;
  }

  /** The shard's bytes, valid until the next `add`. */
  take(): Uint8Array {
    this.buffer.range(CLOSE, 0, CLOSE.length);
    this.count = 0;
    return this.buffer.take();
  }
}

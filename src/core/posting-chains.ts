import { grownArray } from "./grown-array.ts";

/**
 * The search index builder's postings while it runs: per token, a chain of blocks in a paged arena holding the
 * positions of the incidents whose text has it (ascending, each the difference from the previous one as an LEB128
 * varint). Memory stays proportional to the postings (about a byte per token occurrence), with a few numbers per
 * token beside them, rather than one growable array object per token.
 */

const CHAIN_DEFAULTS = {
  pageBits: 20, // the arena grows in 1 MB pages: no doubling copy of a large buffer
  firstBlock: 16, // a token's first posting block (bytes, 4 of them the link to the next): most tokens are rare
  largestBlock: 1024, // blocks double up to this size: frequent tokens waste little on links
};

/** Block k of a token's chain holds min(firstBlock·2^k, largestBlock) bytes, the last 4 the next block's address. */
function blockSize(k: number): number {
  return Math.min(CHAIN_DEFAULTS.firstBlock << Math.min(k, 16), CHAIN_DEFAULTS.largestBlock);
}

export class PostingChains {
  // Per token: first block's address, current block's address and index, write address, end of payload in the
  // current block, last position written, total bytes.
  private head = new Uint32Array(1024);
  private tail = new Uint32Array(1024);
  private tailIndex = new Uint8Array(1024);
  private write = new Uint32Array(1024);
  private payloadEnd = new Uint32Array(1024);
  private last = new Int32Array(1024);
  private bytes = new Uint32Array(1024);
  private readonly pages: Uint8Array[] = [];
  private top = 0;

  /** Starts the (empty) chain of token `t`, the next token number. */
  open(t: number): void {
    if (t === this.head.length) this.grow();
    const size = blockSize(0);
    const address = this.allocate(size);
    this.head[t] = address;
    this.tail[t] = address;
    this.tailIndex[t] = 0;
    this.write[t] = address;
    this.payloadEnd[t] = address + size - 4;
    this.last[t] = -1;
    this.bytes[t] = 0;
  }

  /** Adds `position` to token t's postings (positions come in ascending order). */
  add(t: number, position: number): void {
    const previous = this.last[t] as number;
    if (previous === position) return; // one posting per incident, however often the token occurs in its text
    this.last[t] = position;
    let delta = previous < 0 ? position : position - previous;
    while (delta >= 0x80) {
      this.writeByte(t, (delta & 0x7f) | 0x80);
      delta >>>= 7;
    }
    this.writeByte(t, delta);
  }

  /** The length of token t's postings in bytes. */
  length(t: number): number {
    return this.bytes[t] as number;
  }

  private writeByte(t: number, byte: number): void {
    let at = this.write[t] as number;
    if (at === this.payloadEnd[t]) {
      const k = (this.tailIndex[t] as number) + 1;
      const size = blockSize(k);
      const next = this.allocate(size);
      this.setUint32(at, next);
      this.tail[t] = next;
      this.tailIndex[t] = Math.min(k, 255);
      this.payloadEnd[t] = next + size - 4;
      at = next;
    }
    const bits = CHAIN_DEFAULTS.pageBits;
    (this.pages[at >>> bits] as Uint8Array)[at & ((1 << bits) - 1)] = byte;
    this.write[t] = at + 1;
    this.bytes[t] = (this.bytes[t] as number) + 1;
  }

  /** `size` bytes in one page (a block never straddles two), as an address: page · 2^pageBits + offset. */
  private allocate(size: number): number {
    const pageSize = 1 << CHAIN_DEFAULTS.pageBits;
    if (this.top + size > this.pages.length * pageSize) {
      this.top = this.pages.length * pageSize;
      this.pages.push(new Uint8Array(pageSize));
    }
    const address = this.top;
    this.top += size;
    return address;
  }

  private setUint32(at: number, value: number): void {
    const bits = CHAIN_DEFAULTS.pageBits;
    const page = this.pages[at >>> bits] as Uint8Array;
    const i = at & ((1 << bits) - 1);
    page[i] = value & 0xff;
    page[i + 1] = (value >>> 8) & 0xff;
    page[i + 2] = (value >>> 16) & 0xff;
    page[i + 3] = value >>> 24;
  }

  private getUint32(at: number): number {
    const bits = CHAIN_DEFAULTS.pageBits;
    const page = this.pages[at >>> bits] as Uint8Array;
    const i = at & ((1 << bits) - 1);
    return (
      ((page[i] as number) | ((page[i + 1] as number) << 8) | ((page[i + 2] as number) << 16)) +
      (page[i + 3] as number) * 2 ** 24
    );
  }

  private grow(): void {
    const n = this.head.length * 2;
    const grown = <T extends Uint32Array | Int32Array | Uint8Array>(a: T): T => grownArray(a, n);
    this.head = grown(this.head);
    this.tail = grown(this.tail);
    this.tailIndex = grown(this.tailIndex);
    this.write = grown(this.write);
    this.payloadEnd = grown(this.payloadEnd);
    this.last = grown(this.last);
    this.bytes = grown(this.bytes);
  }

  /** Lets the arena go (the chains are spent). */
  release(): void {
    this.pages.length = 0;
  }

  /** Copies token t's postings, following its chain of blocks, into `into` at `at`. */
  copy(t: number, into: Uint8Array, at: number): void {
    const bits = CHAIN_DEFAULTS.pageBits;
    const mask = (1 << bits) - 1;
    let remaining = this.bytes[t] as number;
    let block = this.head[t] as number;
    for (let k = 0; remaining > 0; k++) {
      const payload = Math.min(blockSize(k) - 4, remaining);
      const page = this.pages[block >>> bits] as Uint8Array;
      const from = block & mask;
      into.set(page.subarray(from, from + payload), at);
      at += payload;
      remaining -= payload;
      if (remaining > 0) block = this.getUint32(block + blockSize(k) - 4);
    }
  }
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Reads the file's bytes from `at` into `into`; returns how many (0 at the end). */
export type ReadBytes = (at: number, into: Uint8Array) => number;

/**
 * Where to cut a CSV file so that each stretch starts on a record boundary: after a "\n" that an even number of
 * quotes precedes (so it is not inside a quoted cell), at or after every `every` bytes. A cut is never next to an
 * empty line (so no stretch starts or ends with one) and never in the last line. The file is read a piece at a
 * time. For a file with stray quotes the count can be wrong; readSheet then finds that a stretch did not end on a
 * boundary, and the caller reads the file whole.
 * @example findSegmentStarts(readOf(bytes), bytes.length, 4) // "id\na\nb\nc\n": [5]
 */
export function findSegmentStarts(
  read: ReadBytes,
  size: number,
  every: number,
  pieceBytes = 1 << 20,
): number[] {
  const starts: number[] = [];
  const piece = new Uint8Array(pieceBytes);
  const one = new Uint8Array(1);
  let odd = false; // quotes seen so far, mod 2
  let target = Math.max(1, every);
  let base = 0;
  let n = 0;
  const byteAt = (at: number): number => {
    if (at < 0 || at >= size) return -1;
    if (at >= base && at < base + n) return piece[at - base] as number;
    return read(at, one) === 1 ? (one[0] as number) : -1;
  };
  // The next quote in the piece at or after where counting got to (-1: none left), found once per quote.
  let quote = -2;
  const findQuote = (from: number) => {
    quote = piece.indexOf(QUOTE, from);
    if (quote >= n) quote = -1;
  };
  const countQuotes = (from: number, to: number) => {
    if (quote !== -1 && quote < from) findQuote(from);
    while (quote !== -1 && quote < to) {
      odd = !odd;
      findQuote(quote + 1);
    }
  };
  for (; base < size; base += n) {
    n = read(base, piece);
    if (n <= 0) break;
    quote = -2;
    let i = 0;
    while (i < n) {
      if (base + i < target) {
        const to = Math.min(n, target - base);
        countQuotes(i, to);
        i = to;
        continue;
      }
      let nl = piece.indexOf(LF, i);
      if (nl >= n) nl = -1;
      countQuotes(i, nl === -1 ? n : nl);
      if (nl === -1) break;
      i = nl + 1;
      const cut = base + nl + 1;
      const next = byteAt(cut);
      const before = byteAt(cut - 2);
      if (
        !odd &&
        next !== -1 &&
        next !== LF &&
        next !== CR &&
        before !== LF &&
        !(before === CR && byteAt(cut - 3) === LF)
      ) {
        starts.push(cut);
        target = cut + Math.max(1, every);
      }
    }
  }
  // The last stretch must hold a whole line: a cut in the file's last line is dropped.
  while (starts.length > 0 && inLastLine(read, starts[starts.length - 1] as number, size)) starts.pop();
  return starts;
}

/** Whether no "\n" follows `at` but maybe the file's last byte. */
function inLastLine(read: ReadBytes, at: number, size: number): boolean {
  const piece = new Uint8Array(64 << 10);
  for (let base = at; base < size; ) {
    const n = read(base, piece);
    if (n <= 0) break;
    const nl = piece.subarray(0, n).indexOf(LF);
    if (nl !== -1 && base + nl < size - 1) return false;
    base += n;
  }
  return true;
}

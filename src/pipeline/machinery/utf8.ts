/**
 * Writes `text` as UTF-8 into `target` from `at`; returns the position after it. The caller makes room for
 * 3 bytes per UTF-16 unit. A plain loop: for the short texts of one row, TextEncoder.encodeInto costs more in
 * call overhead than the encoding itself (measured: CHANGELOG.md). Lone surrogates become U+FFFD, as there.
 * @example writeUtf8("حلب", bytes, 0) // 6
 */
export function writeUtf8(text: string, target: Uint8Array, at: number): number {
  let p = at;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      target[p++] = c;
      continue;
    }
    if (c < 0x800) {
      target[p++] = 0xc0 | (c >> 6);
      target[p++] = 0x80 | (c & 0x3f);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        target[p++] = 0xf0 | (c >> 18);
        target[p++] = 0x80 | ((c >> 12) & 0x3f);
        target[p++] = 0x80 | ((c >> 6) & 0x3f);
        target[p++] = 0x80 | (c & 0x3f);
        continue;
      }
      c = 0xfffd;
    }
    target[p++] = 0xe0 | (c >> 12);
    target[p++] = 0x80 | ((c >> 6) & 0x3f);
    target[p++] = 0x80 | (c & 0x3f);
  }
  return p;
}

const HEX = "0123456789abcdef";

/**
 * Writes JSON.stringify(text) as UTF-8 into `target` from `at`, without making the JSON string first; returns the
 * position after it. Same escapes as JSON.stringify: `"`, `\`, \b \f \n \r \t, other controls and lone surrogates
 * as \u00xx / \udxxx. The caller makes room for 6 bytes per UTF-16 unit plus 2.
 * @example writeJsonString('say "hi"', bytes, 0) // 12 bytes: "say \"hi\""
 */
export function writeJsonString(text: string, target: Uint8Array, at: number): number {
  let p = at;
  target[p++] = 0x22;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x80) {
      if (c === 0x22 || c === 0x5c) target[p++] = 0x5c;
      target[p++] = c;
      continue;
    }
    if (c < 0x20) {
      const short = c === 8 ? 98 : c === 12 ? 102 : c === 10 ? 110 : c === 13 ? 114 : c === 9 ? 116 : 0;
      target[p++] = 0x5c;
      if (short !== 0) target[p++] = short;
      else p = writeUnicodeEscape(c, target, p);
      continue;
    }
    if (c < 0x800) {
      target[p++] = 0xc0 | (c >> 6);
      target[p++] = 0x80 | (c & 0x3f);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        target[p++] = 0xf0 | (c >> 18);
        target[p++] = 0x80 | ((c >> 12) & 0x3f);
        target[p++] = 0x80 | ((c >> 6) & 0x3f);
        target[p++] = 0x80 | (c & 0x3f);
      } else {
        target[p++] = 0x5c;
        p = writeUnicodeEscape(c, target, p);
      }
      continue;
    }
    target[p++] = 0xe0 | (c >> 12);
    target[p++] = 0x80 | ((c >> 6) & 0x3f);
    target[p++] = 0x80 | (c & 0x3f);
  }
  target[p++] = 0x22;
  return p;
}

/** "u" and four lowercase hex digits (the backslash is already written). */
function writeUnicodeEscape(c: number, target: Uint8Array, at: number): number {
  let p = at;
  target[p++] = 0x75;
  for (let shift = 12; shift >= 0; shift -= 4) target[p++] = HEX.charCodeAt((c >> shift) & 15);
  return p;
}

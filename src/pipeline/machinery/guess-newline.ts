/**
 * The line ending of a sheet, decided from its first part the way PapaParse decides it for a whole string
 * (papaparse 5 ParserHandle.guessLineEndings): quoted text is ignored, then "\n" when it comes first or there is
 * no "\r", else "\r\n" when most "\r" are followed by "\n", else "\r". Needed because sheets are parsed in chunks
 * with Papa's low-level Parser, which does not guess.
 * @example guessNewline("id,name\r\nsdf,SDF\r\n") // "\r\n"
 */
export function guessNewline(start: string): "\n" | "\r\n" | "\r" {
  const input = start.substring(0, 1024 * 1024).replace(/"[\s\S]*?"/g, "");
  const r = input.split("\r");
  const n = input.split("\n");
  const nAppearsFirst = n.length > 1 && (n[0] as string).length < (r[0] as string).length;
  if (r.length === 1 || nAppearsFirst) return "\n";
  let numWithN = 0;
  for (let i = 0; i < r.length; i++) if ((r[i] as string)[0] === "\n") numWithN++;
  return numWithN >= r.length / 2 ? "\r\n" : "\r";
}

import { createHash, type Hash } from "node:crypto";
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";
import { type CodeLists, FeatureColumnsBuilder } from "../../core/filter.ts";
import type { CollectionMeta, IncidentCollection, IncidentFeature } from "../../core/incident.ts";
import {
  DIGEST_FORMAT,
  digestCodesOf,
  digestRowOf,
  type IncidentDigest,
  IncidentDigestBuilder,
} from "../../core/incident-digest.ts";

const READ_DEFAULTS = {
  // Bytes read at a time; a feature line is a few kB. Small enough that a chunk's text (two bytes a character once
  // there is Arabic) stays under V8's 128 kB large-object size: larger strings go straight to the old generation, and
  // after the build (whose heap is still to be collected) 1 MB chunks let ~400 MB of them pile up before a major GC.
  chunkBytes: 1 << 15,
  maxLineChars: 16 << 20, // a longer line means the file is not one feature per line (e.g. compact JSON on one line)
  maxHeaderChars: 64 << 20, // the header (bbox, meta) is a few MB even at 1M incidents; past this, it is another layout
  writeChars: 1 << 15, // JSON text gathered before a write to the digest or a part (under 128 kB, as above)
  numbersPerJoin: 1 << 16, // column numbers turned into text at a time (not 1M at once)
};

// The line that closes the header of the pipeline's output and the one that closes the features (serialize-store.ts).
const FEATURES_LINE = '  "features": [';
const END_LINE = "]}";

/** Thrown inside the line reader when the file is not in the pipeline's layout; the whole-file path takes over. */
class NotLineShaped extends Error {}

/** incidents.geojson → incidents.digest.json, in the same folder. */
export function digestPathOf(geojsonPath: string): string {
  const stem = geojsonPath.replace(/\.(geo)?json$/i, "");
  return `${stem}.digest.json`;
}

/**
 * The digest of the GeoJSON file at `path`, and whether it was read line by line. The pipeline's output (the header
 * with bbox and meta, then one feature per line) is streamed in 32 kB reads, so neither the file's text nor all
 * its feature objects are held at once; any other layout (a hand-made file) is parsed whole. Either way the
 * digest carries the SHA-256 of the bytes read (`geojson_sha256`), so the app can tell it from a digest of another
 * file. Throws when the file is not an incident FeatureCollection.
 */
export function readIncidentDigest(path: string): { digest: IncidentDigest; streamed: boolean } {
  try {
    const { sink, sha256 } = streamFeatures(path, (meta, bbox) => new IncidentDigestBuilder(meta, bbox));
    return { digest: sink.finish(sha256), streamed: true };
  } catch (e) {
    if (!(e instanceof NotLineShaped)) throw e;
  }
  return { digest: wholeFileDigest(path), streamed: false };
}

/** The digest of any layout, from the file's text and features all in memory (hand-made files are small). */
function wholeFileDigest(path: string): IncidentDigest {
  const bytes = readFileSync(path);
  const collection = JSON.parse(bytes.toString("utf8")) as IncidentCollection;
  if (collection?.type !== "FeatureCollection" || !Array.isArray(collection.features) || !collection.meta) {
    throw new Error(`${path} is not an incident FeatureCollection (with features and meta)`);
  }
  const builder = new IncidentDigestBuilder(
    collection.meta,
    collection.bbox ?? null,
    collection.features.length,
  );
  for (const feature of collection.features) builder.add(feature);
  return builder.finish(createHash("sha256").update(bytes).digest("hex"));
}

/**
 * Writes the first-render digest of the GeoJSON at `geojsonPath` to `digestPath` (compact JSON, via a temporary
 * file and a rename, like writeGeojson). Call it right after the GeoJSON is written. When it fails, an older
 * digest is removed rather than left beside a newer GeoJSON: without a digest the app only loads slower.
 * @example writeDigest("public/data/incidents.geojson"); // → public/data/incidents.digest.json
 */
export function writeDigest(
  geojsonPath: string,
  digestPath = digestPathOf(geojsonPath),
): { path: string; count: number; bytes: number } {
  const tmp = `${digestPath}.tmp-${process.pid}`;
  try {
    mkdirSync(dirname(digestPath), { recursive: true });
    let count: number;
    try {
      count = streamDigestFile(geojsonPath, tmp);
    } catch (e) {
      if (!(e instanceof NotLineShaped)) throw e;
      const digest = wholeFileDigest(geojsonPath);
      writeFileSync(tmp, JSON.stringify(digest));
      count = digest.count;
    }
    renameSync(tmp, digestPath);
    return { path: digestPath, count, bytes: sizeOf(digestPath) };
  } catch (e) {
    rmSync(tmp, { force: true });
    rmSync(digestPath, { force: true });
    throw e;
  }
}

function sizeOf(path: string): number {
  const fd = openSync(path, "r");
  try {
    return fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes the digest of the pipeline-layout GeoJSON at `path` to `out` and returns its count, with memory bounded
 * by the typed columns (≈50 MB at 1M incidents) rather than the digest's objects and text (≈2.7 GB): ids, radii
 * and rows go to part files beside `out` as JSON text as each feature is read, and the digest is then written a
 * piece at a time, in the same key order and with the same text as `JSON.stringify(builder.finish(sha))`.
 * Throws NotLineShaped (having written nothing to `out`) when the file is in another layout.
 */
function streamDigestFile(path: string, out: string): number {
  let writer: DigestFileWriter | null = null;
  try {
    const { sink, sha256 } = streamFeatures(path, (meta, bbox) => {
      writer = new DigestFileWriter(meta, bbox, out);
      return writer;
    });
    return sink.finish(sha256, out);
  } finally {
    (writer as DigestFileWriter | null)?.dispose();
  }
}

/** JSON text written to a file in large writes; `bytes` counts what went out. */
class TextFile {
  private readonly fd: number;
  private pending: string[] = [];
  private pendingChars = 0;
  private closed = false;

  constructor(readonly path: string) {
    this.fd = openSync(path, "w");
  }

  write(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= READ_DEFAULTS.writeChars) this.flush();
  }

  /** Appends the bytes of another file (closed), a chunk at a time. */
  copyFrom(path: string): void {
    this.flush();
    const fd = openSync(path, "r");
    const buffer = Buffer.allocUnsafe(READ_DEFAULTS.chunkBytes);
    try {
      for (
        let n = readSync(fd, buffer, 0, buffer.length, null);
        n > 0;
        n = readSync(fd, buffer, 0, buffer.length, null)
      ) {
        writeAll(this.fd, buffer.subarray(0, n));
      }
    } finally {
      closeSync(fd);
    }
  }

  flush(): void {
    if (this.pendingChars === 0) return;
    writeAll(this.fd, Buffer.from(this.pending.join(""), "utf8"));
    this.pending = [];
    this.pendingChars = 0;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }

  /** Closes without writing what is pending (after a failure). */
  abandon(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** A list of JSON values written to a part file as "v,v,…" while the features are read. */
class JsonListPart {
  private readonly file: TextFile;
  private count = 0;

  constructor(path: string) {
    this.file = new TextFile(path);
  }

  get path(): string {
    return this.file.path;
  }

  /** The JSON text of `value` as an element of an array (`undefined` → null, as JSON.stringify does there). */
  push(value: unknown): void {
    const text = JSON.stringify(value) ?? "null";
    this.file.write(this.count++ === 0 ? text : `,${text}`);
  }

  close(): void {
    this.file.close();
  }

  dispose(): void {
    this.file.abandon();
    rmSync(this.file.path, { force: true });
  }
}

/** JSON text of a column number as JSON.stringify writes it (NaN and ±Infinity → null). */
function numberJson(x: number): string {
  return Number.isFinite(x) ? String(x) : "null";
}

/**
 * The digest of the features added, written to a file at the end: it keeps only the typed columns; the ids, the
 * radii as written in the data and the list rows go to part files as JSON text.
 */
class DigestFileWriter {
  private readonly columns: FeatureColumnsBuilder;
  private readonly ids: JsonListPart;
  private readonly radii: JsonListPart;
  private readonly rows: JsonListPart;

  constructor(
    private readonly meta: CollectionMeta,
    private readonly bbox: [number, number, number, number] | null,
    out: string,
  ) {
    this.columns = new FeatureColumnsBuilder(meta);
    this.ids = new JsonListPart(`${out}.ids`);
    this.radii = new JsonListPart(`${out}.radii`);
    this.rows = new JsonListPart(`${out}.rows`);
  }

  add(feature: IncidentFeature): void {
    const p = feature.properties;
    this.columns.add(feature);
    this.ids.push(p.id);
    this.radii.push(p.radius_km);
    this.rows.push(digestRowOf(feature));
  }

  /** Writes the digest to `out` (same keys, order and text as IncidentDigestBuilder's, stringified); its count. */
  finish(geojsonSha256: string, out: string): number {
    for (const part of [this.ids, this.radii, this.rows]) part.close();
    const columns = this.columns.finish();
    const head: Omit<IncidentDigest, "ids" | "codes" | "columns" | "rows"> = {
      format: DIGEST_FORMAT,
      count: columns.size,
      geojson_sha256: geojsonSha256,
      bbox: this.bbox,
      meta: this.meta,
    };
    const file = new TextFile(out);
    try {
      const numbers = (
        key: string,
        column: ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> },
      ) => {
        file.write(`${JSON.stringify(key)}:[`);
        const step = READ_DEFAULTS.numbersPerJoin;
        for (let i = 0; i < column.length; i += step) {
          const chunk = Array.from(column.subarray(i, i + step), numberJson).join(",");
          file.write(i === 0 ? chunk : `,${chunk}`);
        }
        file.write("]");
      };
      const lists = (key: string, value: CodeLists) => {
        file.write(`${JSON.stringify(key)}:{`);
        numbers("offsets", value.offsets);
        file.write(",");
        numbers("values", value.values);
        file.write("}");
      };
      file.write(`${JSON.stringify(head).slice(0, -1)},"ids":[`);
      file.copyFrom(this.ids.path);
      file.write(`],"codes":${JSON.stringify(digestCodesOf(columns))},"columns":{`);
      numbers("day_start", columns.dayStart);
      file.write(",");
      numbers("day_end", columns.dayEnd);
      file.write(",");
      numbers("lon", columns.lon);
      file.write(",");
      numbers("lat", columns.lat);
      file.write(",");
      numbers("approximate", columns.approximate);
      file.write(',"radius_km":[');
      file.copyFrom(this.radii.path);
      file.write("],");
      numbers("type", columns.featureType);
      file.write(",");
      numbers("governorate", columns.governorate);
      file.write(",");
      lists("perpetrators", columns.perpetrators);
      file.write(",");
      lists("targets", columns.targets);
      file.write(",");
      lists("claimants", columns.claimants);
      file.write(",");
      lists("any_role", columns.anyRole);
      file.write(",");
      lists("sources", columns.sources);
      file.write('},"rows":[');
      file.copyFrom(this.rows.path);
      file.write("]}");
      file.close();
    } catch (e) {
      file.abandon();
      throw e;
    }
    return columns.size;
  }

  /** Removes the part files, whether or not the digest was written. */
  dispose(): void {
    for (const part of [this.ids, this.radii, this.rows]) part.dispose();
  }
}

/** What takes the features of a streamed file, one at a time. */
interface FeatureSink {
  add(feature: IncidentFeature): void;
}

/**
 * The streaming path: the header parsed whole and given to `start` for the sink, then each feature line on its
 * own to the sink; with the SHA-256 of the file's bytes.
 */
function streamFeatures<S extends FeatureSink>(
  path: string,
  start: (meta: CollectionMeta, bbox: [number, number, number, number] | null) => S,
): { sink: S; sha256: string } {
  const header: string[] = [];
  let headerChars = 0;
  let sink: S | null = null;
  let state: "header" | "features" | "end" = "header";
  // Every feature line but the last ends with a comma; checked so a file the whole-file parse would refuse is refused.
  let previousHadComma = false;
  let features = 0;
  // Every byte read goes through the hash, so the digest names the exact file it was made from.
  const hash = createHash("sha256");
  for (const line of linesOf(path, hash)) {
    if (state === "header") {
      if (header.length === 0 && line !== "{") throw new NotLineShaped();
      if (line !== FEATURES_LINE) {
        headerChars += line.length;
        if (headerChars > READ_DEFAULTS.maxHeaderChars) throw new NotLineShaped();
        header.push(line);
        continue;
      }
      const head = headOf(header);
      sink = start(head.meta, head.bbox);
      state = "features";
    } else if (state === "features") {
      if (line === END_LINE) {
        if (previousHadComma) throw new NotLineShaped();
        state = "end";
        continue;
      }
      if (features > 0 && !previousHadComma) throw new NotLineShaped();
      previousHadComma = line.endsWith(",");
      const feature = parseFeatureLine(previousHadComma ? line.slice(0, -1) : line);
      (sink as S).add(feature);
      features++;
    } else if (line.trim() !== "") {
      throw new NotLineShaped();
    }
  }
  if (state !== "end" || sink === null) throw new NotLineShaped();
  return { sink, sha256: hash.digest("hex") };
}

function headOf(lines: string[]): { meta: CollectionMeta; bbox: [number, number, number, number] | null } {
  // The header is the collection's opening with its last member's comma: `{ …, "meta": {…},`.
  const text = `${lines.join("\n").trimEnd().replace(/,$/, "")}\n}`;
  let head: { type?: unknown; bbox?: [number, number, number, number]; meta?: CollectionMeta };
  try {
    head = JSON.parse(text);
  } catch {
    throw new NotLineShaped();
  }
  if (head?.type !== "FeatureCollection" || !head.meta || typeof head.meta !== "object")
    throw new NotLineShaped();
  return { meta: head.meta, bbox: head.bbox ?? null };
}

function parseFeatureLine(text: string): IncidentFeature {
  if (!text.startsWith("{")) throw new NotLineShaped();
  let feature: IncidentFeature;
  try {
    feature = JSON.parse(text);
  } catch {
    throw new NotLineShaped();
  }
  if (feature?.type !== "Feature" || !feature.properties || !feature.geometry) throw new NotLineShaped();
  return feature;
}

/**
 * The lines of a UTF-8 file, without their "\n" (and a "\r" before it), read a chunk at a time; each chunk's bytes
 * also go to `hash`.
 */
function* linesOf(path: string, hash: Hash): Generator<string> {
  const fd = openSync(path, "r");
  const buffer = Buffer.allocUnsafe(READ_DEFAULTS.chunkBytes);
  const decoder = new TextDecoder("utf-8");
  let carry = "";
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      hash.update(buffer.subarray(0, n));
      const text =
        n === 0 ? carry + decoder.decode() : carry + decoder.decode(buffer.subarray(0, n), { stream: true });
      let start = 0;
      for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
        yield text.charCodeAt(nl - 1) === 0x0d && nl > start
          ? text.slice(start, nl - 1)
          : text.slice(start, nl);
        start = nl + 1;
      }
      carry = text.slice(start);
      if (carry.length > READ_DEFAULTS.maxLineChars) throw new NotLineShaped();
      if (n === 0) break;
    }
    if (carry !== "") yield carry;
  } finally {
    closeSync(fd);
  }
}

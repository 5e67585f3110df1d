import { createHash, type Hash } from "node:crypto";
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname } from "node:path";
import type { CollectionMeta, IncidentCollection, IncidentFeature } from "../../core/incident";
import { type IncidentDigest, IncidentDigestBuilder } from "../../core/incident-digest";

const READ_DEFAULTS = {
  chunkBytes: 1 << 20, // bytes read at a time; a feature line is a few kB
  maxLineChars: 16 << 20, // a longer line means the file is not one feature per line (e.g. compact JSON on one line)
  maxHeaderChars: 64 << 20, // the header (bbox, meta) is a few MB even at 1M incidents; past this, it is another layout
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
 * with bbox and meta, then one feature per line) is streamed in 1 MB reads, so neither the file's text nor all
 * its feature objects are held at once; any other layout (a hand-made file) is parsed whole. Either way the
 * digest carries the SHA-256 of the bytes read (`geojson_sha256`), so the app can tell it from a digest of another
 * file. Throws when the file is not an incident FeatureCollection.
 */
export function readIncidentDigest(path: string): { digest: IncidentDigest; streamed: boolean } {
  try {
    return { digest: streamDigest(path), streamed: true };
  } catch (e) {
    if (!(e instanceof NotLineShaped)) throw e;
  }
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
  return { digest: builder.finish(createHash("sha256").update(bytes).digest("hex")), streamed: false };
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
    const { digest } = readIncidentDigest(geojsonPath);
    const text = JSON.stringify(digest);
    mkdirSync(dirname(digestPath), { recursive: true });
    writeFileSync(tmp, text);
    renameSync(tmp, digestPath);
    return { path: digestPath, count: digest.count, bytes: Buffer.byteLength(text) };
  } catch (e) {
    rmSync(tmp, { force: true });
    rmSync(digestPath, { force: true });
    throw e;
  }
}

/** The streaming path: the header parsed whole, then each feature line on its own. */
function streamDigest(path: string): IncidentDigest {
  const header: string[] = [];
  let headerChars = 0;
  let builder: IncidentDigestBuilder | null = null;
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
      builder = builderOfHeader(header);
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
      (builder as IncidentDigestBuilder).add(feature);
      features++;
    } else if (line.trim() !== "") {
      throw new NotLineShaped();
    }
  }
  if (state !== "end" || builder === null) throw new NotLineShaped();
  return builder.finish(hash.digest("hex"));
}

function builderOfHeader(lines: string[]): IncidentDigestBuilder {
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
  return new IncidentDigestBuilder(head.meta, head.bbox ?? null);
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

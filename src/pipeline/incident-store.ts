import { float64Column, int32Column, uint8Column } from "../core/growing-column.ts";
import { ByteArena, type ByteArenaParts } from "./machinery/byte-arena.ts";
import { FragmentTable } from "./machinery/fragment-table.ts";

const ascii = (text: string) => new TextEncoder().encode(text);
// Starts by closing the id before it (`"id":"…` is written from `ids`): one copy less per feature.
const TITLE_EN = ascii('","title":{"en":');
const SUMMARY_EN = ascii('},"summary":{"en":');
const AR = ascii(',"ar":');
const CLOSE = ascii("}");

/** The incidents of an IncidentStore as plain data, to hand to another thread (its buffers can be transferred). */
export interface IncidentStoreParts {
  /** The ids, as one text cut at `idEnds`. */
  ids: string;
  idEnds: Int32Array<ArrayBuffer>;
  rows: Int32Array<ArrayBuffer>;
  text: ByteArenaParts;
  lon: Float64Array<ArrayBuffer>;
  lat: Float64Array<ArrayBuffer>;
  dates: Int32Array<ArrayBuffer>;
  place: Int32Array<ArrayBuffer>;
  geo: Int32Array<ArrayBuffer>;
  kind: Int32Array<ArrayBuffer>;
  dateBytes: Uint8Array<ArrayBuffer>[];
  dateStarts: string[];
  placeBytes: Uint8Array<ArrayBuffer>[];
  geoBytes: Uint8Array<ArrayBuffer>[];
  geoPoints: Uint8Array<ArrayBuffer>[];
  kindBytes: Uint8Array<ArrayBuffer>[];
}

/**
 * The valid incidents and claims as columns, ready to be written: what is unique to a row (ids, free text, the
 * point) is stored per row, and everything rows share (dates, place, governorate and position, event type and
 * actors, claimant and source) as a number into a table of JSON fragments encoded once. At 1M incidents this is
 * a few hundred MB, where feature objects were several GB, and writing is mostly copying bytes.
 */
export class IncidentStore {
  // Incidents, in sheet order; index i is the i-th valid incident row.
  readonly ids: string[] = [];
  /** Spreadsheet row of each incident, ascending, so a row number finds its index by binary search. */
  readonly rows = int32Column();
  /** `","title":{…},"summary":{…}` of each incident (the `",` ends the id written before it). */
  readonly text: ByteArena;
  readonly lon = float64Column();
  readonly lat = float64Column();
  /** Fragment numbers: `,"date_start":…,"date_precision":"…"` (meta: date_start, the sort key). */
  readonly dates = int32Column();
  readonly dateTable = new FragmentTable<string>();
  /** `,"place":{…},"location_precision":"…","radius_km":…` */
  readonly place = int32Column();
  readonly placeTable = new FragmentTable();
  /**
   * `,"governorate":{…},"position":{…}` (meta: `","geometry":{…[lon,lat]},"properties":{"id":"`, the point as
   * the feature writes it: each fragment is one point, so its numbers are turned into text once, not per feature).
   */
  readonly geo = int32Column();
  readonly geoTable = new FragmentTable<Uint8Array<ArrayBuffer>>();
  /** `,"event_type":"…","perpetrators":[…],"targets":[…],"claims":[` (the claims list opens here) */
  readonly kind = int32Column();
  readonly kindTable = new FragmentTable();
  /** First and last claim of each incident (-1 for none), and whether any claim disputes or denies. */
  readonly firstClaim = int32Column();
  readonly lastClaim = int32Column();
  readonly contested = uint8Column();
  /** Whether any claim row (valid or not) names the incident. */
  readonly cited = uint8Column();

  // Claims, in sheet order (numbered as claims.csv's part numbers them), chained per incident through `nextClaim`.
  /** `{"id":"…"` of each claim: the claim's opening, pre-encoded so the writer copies it whole. */
  claimOpen: ByteArena;
  /** Fragment number of each claim's `,"claimant":{…},"source":{…},"stance":"…","text":` */
  claimHead = new Int32Array(0);
  claimHeadBytes: Uint8Array[] = [];
  /** Each claim-head fragment's source, as its index in `sourceIds`. */
  claimHeadSources: number[] = [];
  /** `{"en":…,"ar":…},"killed":…,"injured":…,"captured":…}` of each claim. */
  claimTail: ByteArena;
  nextClaim = new Int32Array(0);
  /** Source ids, sorted; a claim's source is a number into this list. */
  sourceIds: string[] = [];

  bbox: [number, number, number, number] = [180, 90, -180, -90];

  /**
   * `keepsOutput` false, for a check that writes nothing: an incident is only its id and row (`addChecked`), what
   * the claims' join and the unclaimed-incident warning read; no fragment, text or point is made for it.
   */
  constructor(readonly keepsOutput = true) {
    this.text = new ByteArena();
    this.claimOpen = new ByteArena();
    this.claimTail = new ByteArena();
  }

  get count(): number {
    return this.ids.length;
  }

  addIncident(fields: {
    row: number;
    id: string;
    title: [en: string, ar: string];
    summary: [en: string, ar: string];
    lon: number;
    lat: number;
    dates: number;
    place: number;
    geo: number;
    kind: number;
  }): void {
    this.addChecked(fields.row, fields.id);
    const [titleEn, titleAr] = fields.title;
    const [summaryEn, summaryAr] = fields.summary;
    const t = this.text;
    t.open(titleEn.length + titleAr.length + summaryEn.length + summaryAr.length);
    t.bytesOf(TITLE_EN);
    t.json(titleEn);
    t.bytesOf(AR);
    t.json(titleAr);
    t.bytesOf(SUMMARY_EN);
    t.json(summaryEn);
    t.bytesOf(AR);
    t.json(summaryAr);
    t.bytesOf(CLOSE);
    t.close();
    this.lon.push(fields.lon);
    this.lat.push(fields.lat);
    this.dates.push(fields.dates);
    this.place.push(fields.place);
    this.geo.push(fields.geo);
    this.kind.push(fields.kind);
    const b = this.bbox;
    if (fields.lon < b[0]) b[0] = fields.lon;
    if (fields.lat < b[1]) b[1] = fields.lat;
    if (fields.lon > b[2]) b[2] = fields.lon;
    if (fields.lat > b[3]) b[3] = fields.lat;
  }

  /** A valid incident as a check without output keeps it: its id and spreadsheet row, not yet cited or claimed. */
  addChecked(row: number, id: string): void {
    this.ids.push(id);
    this.rows.push(row);
    this.firstClaim.push(-1);
    this.lastClaim.push(-1);
    this.contested.push(0);
    this.cited.push(0);
  }

  /** The incidents (not the claims) as plain data; see `appendParts`. */
  parts(): IncidentStoreParts {
    const n = this.count;
    const ends = new Int32Array(n);
    let at = 0;
    for (let i = 0; i < n; i++) {
      at += (this.ids[i] as string).length;
      ends[i] = at;
    }
    return {
      ids: this.ids.join(""),
      idEnds: ends,
      rows: this.rows.data.slice(0, n),
      text: this.text.parts(),
      lon: this.lon.data.slice(0, n),
      lat: this.lat.data.slice(0, n),
      dates: this.dates.data.slice(0, n),
      place: this.place.data.slice(0, n),
      geo: this.geo.data.slice(0, n),
      kind: this.kind.data.slice(0, n),
      dateBytes: this.dateTable.bytes,
      dateStarts: this.dateTable.meta,
      placeBytes: this.placeTable.bytes,
      geoBytes: this.geoTable.bytes,
      geoPoints: this.geoTable.meta,
      kindBytes: this.kindTable.bytes,
    };
  }

  /**
   * Appends the incidents of another store (read from a later stretch of the sheet), their rows moved down by
   * `rowShift`, leaving out those `drop` marks. Their fragments are appended to this store's tables as they are:
   * a fragment made twice is written the same either way.
   */
  appendParts(parts: IncidentStoreParts, rowShift: number, drop: Uint8Array): void {
    const output = this.keepsOutput;
    const dates = this.dateTable.appendAll(parts.dateBytes, parts.dateStarts);
    const place = this.placeTable.appendAll(parts.placeBytes, []);
    const geo = this.geoTable.appendAll(parts.geoBytes, parts.geoPoints);
    const kind = this.kindTable.appendAll(parts.kindBytes, []);
    if (output) this.text.adopt(parts.text, drop);
    const b = this.bbox;
    let from = 0;
    for (let i = 0; i < parts.rows.length; i++) {
      const to = parts.idEnds[i] as number;
      if (drop[i] === 1) {
        from = to;
        continue;
      }
      this.addChecked((parts.rows[i] as number) + rowShift, parts.ids.substring(from, to));
      from = to;
      if (!output) continue;
      const lon = parts.lon[i] as number;
      const lat = parts.lat[i] as number;
      this.lon.push(lon);
      this.lat.push(lat);
      this.dates.push(dates + (parts.dates[i] as number));
      this.place.push(place + (parts.place[i] as number));
      this.geo.push(geo + (parts.geo[i] as number));
      this.kind.push(kind + (parts.kind[i] as number));
      if (lon < b[0]) b[0] = lon;
      if (lat < b[1]) b[1] = lat;
      if (lon > b[2]) b[2] = lon;
      if (lat > b[3]) b[3] = lat;
    }
  }

  /** The index of the valid incident on spreadsheet row `row`, or -1 when that row had a mistake. */
  indexOfRow(row: number): number {
    const rows = this.rows.data;
    let lo = 0;
    let hi = this.rows.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const r = rows[mid] as number;
      if (r === row) return mid;
      if (r < row) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Appends claim `claim` (a number into the claim columns) to incident `incident`'s claims. */
  chainClaim(incident: number, claim: number, disputes: boolean): void {
    const last = this.lastClaim.get(incident);
    if (last === -1) this.firstClaim.set(incident, claim);
    else this.nextClaim[last] = claim;
    this.lastClaim.set(incident, claim);
    if (disputes) this.contested.set(incident, 1);
  }
}

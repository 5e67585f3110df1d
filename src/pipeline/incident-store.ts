import { ByteArena } from "./byte-arena";
import { FragmentTable } from "./fragment-table";
import { float64Column, int32Column, uint8Column } from "./growable";

const ascii = (text: string) => new TextEncoder().encode(text);
// Starts by closing the id before it (`"id":"…` is written from `ids`): one copy less per feature.
const TITLE_EN = ascii('","title":{"en":');
const SUMMARY_EN = ascii('},"summary":{"en":');
const AR = ascii(',"ar":');
const CLOSE = ascii("}");

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
  readonly text = new ByteArena();
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
  readonly geoTable = new FragmentTable<Uint8Array>();
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
  claimOpen = new ByteArena();
  /** Fragment number of each claim's `,"claimant":{…},"source":{…},"stance":"…","text":` */
  claimHead = new Int32Array(0);
  claimHeadBytes: Uint8Array[] = [];
  /** Each claim-head fragment's source, as its index in `sourceIds`. */
  claimHeadSources: number[] = [];
  /** `{"en":…,"ar":…},"killed":…,"injured":…,"captured":…}` of each claim. */
  claimTail = new ByteArena();
  nextClaim = new Int32Array(0);
  /** Source ids, sorted; a claim's source is a number into this list. */
  sourceIds: string[] = [];

  bbox: [number, number, number, number] = [180, 90, -180, -90];

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
    this.ids.push(fields.id);
    this.rows.push(fields.row);
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
    this.firstClaim.push(-1);
    this.lastClaim.push(-1);
    this.contested.push(0);
    this.cited.push(0);
    const b = this.bbox;
    if (fields.lon < b[0]) b[0] = fields.lon;
    if (fields.lat < b[1]) b[1] = fields.lat;
    if (fields.lon > b[2]) b[2] = fields.lon;
    if (fields.lat > b[3]) b[3] = fields.lat;
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

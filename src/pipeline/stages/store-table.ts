import { isoDayToDayNumber } from "../../core/day-number.ts";
import { isApproximate } from "../../core/format.ts";
import type {
  ActorRef,
  Bilingual,
  CollectionMeta,
  DatePrecision,
  GovernorateRef,
  LocationPrecision,
  PlaceRef,
  SourceRef,
} from "../../core/incident.ts";
import { FLAG_BITS, ROLE_BITS } from "../../core/incident-table.ts";
import { PRECISION_CODES } from "../../core/table-row.ts";
import {
  emptyTableRow,
  IncidentTableWriter,
  type TableRow,
  type TableWriterOptions,
} from "../../core/table-writer.ts";
import type { IncidentStore } from "../incident-store.ts";
import { serializeStore } from "./serialize-store.ts";
import {
  fragmentObject,
  type StoreFragments,
  type StoreSearchSink,
  type StoreSearchSinkFactory,
  searchOnThisThread,
} from "./store-search.ts";

/** The table writer's options, and who builds the search index (default: this thread). */
export interface StoreTableOptions extends TableWriterOptions {
  search?: StoreSearchSinkFactory;
}

/**
 * The GeoJSON and the incident table in one pass over the store: each feature's bytes, as the serialiser makes
 * them, go to the table's shard, and its columns and search text come from the store (its columns, and the shared
 * fragments decoded once each), so nothing is parsed back from the file. The table's files go to
 * `table.onFile` as they are made (the last ones after the last chunk is taken); they are those that
 * `createTableFiles` gives for the same GeoJSON (a unit test compares every byte).
 */
export function* serializeWithTable(
  store: IncidentStore,
  order: Int32Array,
  meta: CollectionMeta,
  table: StoreTableOptions,
): Generator<Uint8Array> {
  const text = store.text.view();
  const fragments: StoreFragments = {
    place: (p) => store.placeTable.bytes[p] as Uint8Array,
    geo: (g) => store.geoTable.bytes[g] as Uint8Array,
  };
  // Each incident's own text, after the first byte of its entry (the `"` that closes the id before it): `,"title":…`.
  const record = (sink: StoreSearchSink, i: number) =>
    sink.record(
      text.blocks[text.block[i] as number] as Uint8Array,
      (text.start[i] as number) + 1,
      text.end[i] as number,
      store.place.data[i] as number,
      store.geo.data[i] as number,
    );
  const replay = (sink: StoreSearchSink) => {
    for (let p = 0; p < order.length; p++) record(sink, order[p] as number);
  };
  const search = (table.search ?? searchOnThisThread)(
    fragments,
    { bucketBytes: table.searchBucketBytes, count: order.length },
    replay,
  );
  // As the table of the written file would have it: the file's bbox when it has incidents, else none.
  const writer = new IncidentTableWriter(meta, {
    ...table,
    bbox: store.count > 0 ? store.bbox : undefined,
    searchFiles: () => search.finish(),
  });
  const feed = new StoreTableFeed(store, writer);
  yield* serializeStore(store, order, meta, (incident, bytes, from, to) => {
    feed.add(incident, bytes, from, to);
    record(search, incident);
  });
  writer.finish();
}

/** What the table needs of a date fragment. */
interface DateInfo {
  dayStart: number;
  dayEnd: number;
  precision: number;
}

/** …of a place fragment: the radius and whether the point is approximate. */
interface PlaceInfo {
  radiusKm: number;
  approximate: boolean;
}

/** …of a governorate-and-position fragment: the governorate's code. */
interface GeoInfo {
  governorate: number;
}

/** …of an event-type-and-actors fragment: the type's code and the actor mentions (perpetrators, then targets). */
interface KindInfo {
  type: number;
  actorCodes: number[];
  actorRoles: number[];
}

/** …of a claim head: the claimant's and the source's codes. */
interface ClaimInfo {
  claimant: number;
  source: number;
}

/** Turns the store's incidents, given in output order, into the table writer's rows. */
class StoreTableFeed {
  private readonly dates: (DateInfo | undefined)[] = [];
  private readonly places: (PlaceInfo | undefined)[] = [];
  private readonly geos: (GeoInfo | undefined)[] = [];
  private readonly kinds: (KindInfo | undefined)[] = [];
  private readonly claims: (ClaimInfo | undefined)[] = [];
  private readonly row: TableRow = emptyTableRow();

  constructor(
    private readonly store: IncidentStore,
    private readonly writer: IncidentTableWriter,
  ) {}

  add(incident: number, bytes: Uint8Array, from: number, to: number): void {
    const store = this.store;
    const row = this.row;
    const date = this.dateOf(store.dates.data[incident] as number);
    const place = this.placeOf(store.place.data[incident] as number);
    const geo = this.geoOf(store.geo.data[incident] as number);
    const kind = this.kindOf(store.kind.data[incident] as number);
    row.id = store.ids[incident] as string;
    row.dayStart = date.dayStart;
    row.dayEnd = date.dayEnd;
    row.datePrecision = date.precision;
    row.lon = store.lon.data[incident] as number;
    row.lat = store.lat.data[incident] as number;
    row.radiusKm = place.radiusKm;
    row.type = kind.type;
    row.governorate = geo.governorate;
    row.flags =
      (place.approximate ? FLAG_BITS.approximate : 0) |
      (store.contested.data[incident] === 1 ? FLAG_BITS.contested : 0);
    const actors = row.actorCodes;
    const roles = row.actorRoles;
    const sources = row.sourceCodes;
    actors.length = 0;
    roles.length = 0;
    sources.length = 0;
    for (let k = 0; k < kind.actorCodes.length; k++) {
      actors.push(kind.actorCodes[k] as number);
      roles.push(kind.actorRoles[k] as number);
    }
    // The claims in the feature's order; source_ids are the claims' sources again, so they add nothing.
    for (let c = store.firstClaim.data[incident] as number; c !== -1; c = store.nextClaim[c] as number) {
      const claim = this.claimOf(store.claimHead[c] as number);
      actors.push(claim.claimant);
      roles.push(ROLE_BITS.claimant);
      sources.push(claim.source);
    }
    // The search index is given the incident's text by serializeWithTable.
    this.writer.addRow(row, bytes, from, to, null);
  }

  private dateOf(d: number): DateInfo {
    let info = this.dates[d];
    if (info === undefined) {
      const f = fragmentObject<{ date_start: string; date_end: string; date_precision: DatePrecision }>(
        this.store.dateTable.bytes[d] as Uint8Array,
      );
      info = {
        dayStart: isoDayToDayNumber(f.date_start),
        dayEnd: isoDayToDayNumber(f.date_end || f.date_start),
        precision: PRECISION_CODES[f.date_precision] ?? 0,
      };
      this.dates[d] = info;
    }
    return info;
  }

  private placeOf(p: number): PlaceInfo {
    let info = this.places[p];
    if (info === undefined) {
      const f = fragmentObject<{ place: PlaceRef; location_precision: LocationPrecision; radius_km: number }>(
        this.store.placeTable.bytes[p] as Uint8Array,
      );
      info = {
        radiusKm: f.radius_km,
        approximate: isApproximate(f),
      };
      this.places[p] = info;
    }
    return info;
  }

  private geoOf(g: number): GeoInfo {
    let info = this.geos[g];
    if (info === undefined) {
      const f = fragmentObject<{ governorate: GovernorateRef | null; position: Bilingual }>(
        this.store.geoTable.bytes[g] as Uint8Array,
      );
      info = {
        governorate: this.writer.codes.governorateCode(f.governorate),
      };
      this.geos[g] = info;
    }
    return info;
  }

  private kindOf(k: number): KindInfo {
    let info = this.kinds[k];
    if (info === undefined) {
      // Ends with the opening of the claims list.
      const f = fragmentObject<{ event_type: string; perpetrators: ActorRef[]; targets: ActorRef[] }>(
        this.store.kindTable.bytes[k] as Uint8Array,
        "]",
      );
      const mentions = [
        ...f.perpetrators.map((a) => [a, ROLE_BITS.perpetrator] as const),
        ...f.targets.map((a) => [a, ROLE_BITS.target] as const),
      ];
      info = {
        type: this.writer.codes.typeCode(f.event_type),
        actorCodes: mentions.map(([a]) => this.writer.codes.actorCode(a)),
        actorRoles: mentions.map(([, role]) => role),
      };
      this.kinds[k] = info;
    }
    return info;
  }

  private claimOf(h: number): ClaimInfo {
    let info = this.claims[h];
    if (info === undefined) {
      // Ends with the claim text's member name; its value follows in the claim's own bytes.
      const f = fragmentObject<{ claimant: ActorRef; source: SourceRef }>(
        this.store.claimHeadBytes[h] as Uint8Array,
        "null",
      );
      info = {
        claimant: this.writer.codes.actorCode(f.claimant),
        source: this.writer.codes.sourceCode(f.source),
      };
      this.claims[h] = info;
    }
    return info;
  }
}

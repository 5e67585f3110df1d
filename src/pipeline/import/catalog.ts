import { distance } from "@turf/distance";
import { toSlug } from "../../core/slug.ts";
import type { DatasetEvent, DatasetName } from "./dataset-event.ts";

/** A sheet row as column → cell. */
export type Row = Record<string, string>;

const ARABIC_SCRIPT = /[\u0600-\u06ff]/;
// A dataset place within this distance of a gazetteer place of the same name is taken to be that place.
const SAME_PLACE_KM = 25;
// Imported actors get colours from Paul Tol's "light" scheme, apart from the curated ones' event-type colours.
const ACTOR_COLORS = ["#77aadd", "#99ddff", "#44bb99", "#bbcc33", "#aaaa00", "#eedd88", "#ee8866", "#ffaabb"];

/** Dataset actor names → actors.csv `kind` (the dataset's wording, not a judgement of the actor). */
const KIND_BY_NAME: readonly [RegExp, string][] = [
  [/^civilians\b/i, "civilian"],
  [/^(military forces of|government of)\b/i, "state-military"],
  [/^police forces of\b/i, "security-force"],
  [/^unidentified\b/i, "unknown"],
];

// Dataset exports repeat the same few thousand names; each is folded once (bounded for hostile input).
const FOLDED = new Map<string, string>();
const FOLDED_MAX = 50_000;
// Names at points remembered by placeFor (bounded for an export whose every event has its own point).
const PLACES_AT_POINTS_MAX = 200_000;

/** Folded for matching: case, accents, apostrophes and spacing do not count. */
export function foldName(name: string): string {
  let folded = FOLDED.get(name);
  if (folded === undefined) {
    folded = foldUncached(name);
    if (FOLDED.size >= FOLDED_MAX) FOLDED.clear();
    FOLDED.set(name, folded);
  }
  return folded;
}

function foldUncached(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f'’`ʿʾ]/g, "")
    .toLowerCase()
    .replace(/[\s_-]+/g, " ")
    .trim();
}

/** The datasets as actors (claimants) and as the outlets of their source rows. */
export const DATASETS: Readonly<
  Record<
    DatasetName,
    { actor: Row; outlet: { en: string; ar: string }; url: string; terms: { en: string; ar: string } }
  >
> = {
  ucdp: {
    actor: {
      id: "ucdp",
      name_en: "Uppsala Conflict Data Program (UCDP)",
      name_ar: "",
      aliases: "UCDP;UCDP GED",
      kind: "monitor",
      parent: "",
      color: "#4477aa",
    },
    outlet: { en: "UCDP Georeferenced Event Dataset (GED)", ar: "مجموعة بيانات UCDP GED" },
    url: "https://ucdp.uu.se/downloads/",
    terms: {
      en: "academic event dataset (Uppsala University), licence CC BY 4.0, attribution required",
      ar: "مجموعة بيانات أحداث أكاديمية (جامعة أوبسالا)، بترخيص CC BY 4.0 مع وجوب نسبتها",
    },
  },
  acled: {
    actor: {
      id: "acled",
      name_en: "Armed Conflict Location & Event Data (ACLED)",
      name_ar: "",
      aliases: "ACLED",
      kind: "monitor",
      parent: "",
      color: "#4477aa",
    },
    outlet: { en: "ACLED", ar: "مجموعة بيانات ACLED" },
    url: "https://acleddata.com/",
    terms: {
      en: "event dataset; its terms of use restrict redistribution, attribution required",
      ar: "مجموعة بيانات أحداث؛ شروط استخدامها تقيّد إعادة النشر وتوجب نسبتها",
    },
  },
};

interface KnownPlace {
  id: string;
  lat: number;
  lon: number;
  name_en: string;
  name_ar: string;
}

/**
 * The actors and places the import can refer to: those of the sheets (never changed) and those the import adds.
 * A dataset name is matched against names and aliases; a new row is made only when nothing matches.
 */
export class ImportCatalog {
  /** Rows this import adds, in the order made. */
  readonly newActors: Row[] = [];
  readonly newPlaces: Row[] = [];
  private readonly actorByName = new Map<string, string>();
  private readonly actorNames = new Map<string, { en: string; ar: string }>();
  private readonly actorIds = new Set<string>();
  private readonly placesByName = new Map<string, KnownPlace[]>();
  private readonly placeIds = new Set<string>();
  /** Dataset place name → latitude → longitude → the place found for them (see rememberPlaceAtPoint). */
  private readonly placeAtPoint = new Map<string, Map<number, Map<number, KnownPlace>>>();
  private placesAtPoints = 0;
  /** Dataset actor names as they stand → their actor ids, once matched or made. */
  private readonly actorOfName = new Map<string, string>();
  private readonly curatedActors: ReadonlySet<string>;
  private readonly curatedPlaces: ReadonlySet<string>;
  /** Rows of the sheets (not made by this import) that imported rows refer to; they are left as they are. */
  readonly usedActors = new Set<string>();
  readonly usedPlaces = new Set<string>();

  constructor(actors: readonly Row[], places: readonly Row[]) {
    for (const a of actors) this.rememberActor(a);
    for (const p of places) this.rememberPlace(p);
    this.curatedActors = new Set(this.actorIds);
    this.curatedPlaces = new Set(this.placeIds);
  }

  /** The actor id for a dataset's name, adding an actor row (the name kept as an alias) when none matches. */
  actorFor(name: string): string {
    let id = this.actorOfName.get(name);
    if (id === undefined) {
      id = this.matchOrAddActor(name);
      // A name's match never changes: names are only ever added to the index, never moved to another actor.
      this.actorOfName.set(name, id);
    }
    return id;
  }

  private matchOrAddActor(name: string): string {
    const known = this.actorByName.get(foldName(name));
    if (known !== undefined) {
      if (this.curatedActors.has(known)) this.usedActors.add(known);
      return known;
    }
    const arabic = ARABIC_SCRIPT.test(name);
    const row: Row = {
      id: this.freeId(toSlug(name) || "actor", this.actorIds),
      name_en: arabic ? "" : name,
      name_ar: arabic ? name : "",
      aliases: name,
      kind: KIND_BY_NAME.find(([pattern]) => pattern.test(name))?.[1] ?? "unknown",
      parent: "",
      color: ACTOR_COLORS[this.newActors.length % ACTOR_COLORS.length] as string,
    };
    this.newActors.push(row);
    this.rememberActor(row);
    return row.id as string;
  }

  /** The dataset's claimant actor, added when the sheet lacks it. */
  datasetActor(dataset: DatasetName): string {
    const row = DATASETS[dataset].actor;
    if (this.curatedActors.has(row.id as string)) this.usedActors.add(row.id as string);
    else if (!this.actorIds.has(row.id as string)) {
      this.newActors.push({ ...row });
      this.rememberActor(row);
    }
    return row.id as string;
  }

  /** An actor's names (empty strings where the sheet has none). */
  actorName(id: string): { en: string; ar: string } {
    return this.actorNames.get(id) ?? { en: id, ar: "" };
  }

  /**
   * The place for an event: a gazetteer place of the same name near the event's point, else one this import
   * added under that name, else a new place row at the event's point.
   */
  placeFor(event: DatasetEvent): KnownPlace {
    const name = event.placeName || event.admin.at(-1) || "";
    const found = name === "" ? undefined : this.placeAtPoint.get(name)?.get(event.lat)?.get(event.lon);
    if (found !== undefined) return found;
    const near = (this.placesByName.get(foldName(name)) ?? []).find(
      (p) => distance([p.lon, p.lat], [event.lon, event.lat], { units: "kilometers" }) <= SAME_PLACE_KM,
    );
    if (near && name !== "") {
      if (this.curatedPlaces.has(near.id)) this.usedPlaces.add(near.id);
      this.rememberPlaceAtPoint(name, event, near);
      return near;
    }
    const label = name || `${event.dataset.toUpperCase()} event ${event.eventId}`;
    const arabic = ARABIC_SCRIPT.test(label);
    const row: Row = {
      id: this.freeId(toSlug(label) || `${event.dataset}-place-${toSlug(event.eventId)}`, this.placeIds),
      name_en: arabic ? "" : label,
      name_ar: arabic ? label : "",
      aliases: "",
      lat: String(event.lat),
      lon: String(event.lon),
      kind: event.place.kind,
      governorate: "",
      coord_source: `${DATASETS[event.dataset].outlet.en}, event ${event.eventId}`,
    };
    this.newPlaces.push(row);
    const place = this.rememberPlace(row) as KnownPlace;
    if (name !== "") this.rememberPlaceAtPoint(name, event, place);
    return place;
  }

  /**
   * Remembers the place found for a dataset name at a point. Places are only ever added after the others, and only
   * where no place of that name lies within reach, so the place found first for a name and point stays the answer:
   * an export that repeats its locations (ACLED codes each to a gazetteer point) then skips the search.
   */
  private rememberPlaceAtPoint(name: string, event: DatasetEvent, place: KnownPlace): void {
    if (this.placesAtPoints >= PLACES_AT_POINTS_MAX) {
      this.placeAtPoint.clear();
      this.placesAtPoints = 0;
    }
    let byLat = this.placeAtPoint.get(name);
    if (byLat === undefined) {
      byLat = new Map();
      this.placeAtPoint.set(name, byLat);
    }
    let byLon = byLat.get(event.lat);
    if (byLon === undefined) {
      byLon = new Map();
      byLat.set(event.lat, byLon);
    }
    byLon.set(event.lon, place);
    this.placesAtPoints++;
  }

  private freeId(base: string, taken: Set<string>): string {
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    return id;
  }

  private rememberActor(a: Row): void {
    const id = (a.id ?? "").trim();
    if (id === "") return;
    this.actorIds.add(id);
    this.actorNames.set(id, { en: a.name_en ?? "", ar: a.name_ar ?? "" });
    const names = [id, a.name_en ?? "", a.name_ar ?? "", ...(a.aliases ?? "").split(";")];
    for (const n of names) {
      const key = foldName(n);
      if (key !== "" && !this.actorByName.has(key)) this.actorByName.set(key, id);
    }
  }

  private rememberPlace(p: Row): KnownPlace | null {
    const id = (p.id ?? "").trim();
    if (id === "") return null;
    this.placeIds.add(id);
    const lat = Number(p.lat);
    const lon = Number(p.lon);
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || (p.lat ?? "").trim() === "") return null;
    const place: KnownPlace = { id, lat, lon, name_en: p.name_en ?? "", name_ar: p.name_ar ?? "" };
    const names = [p.name_en ?? "", p.name_ar ?? "", ...(p.aliases ?? "").split(";")];
    for (const n of new Set(names.map(foldName))) {
      if (n === "") continue;
      const list = this.placesByName.get(n);
      if (list) list.push(place);
      else this.placesByName.set(n, [place]);
    }
    return place;
  }
}

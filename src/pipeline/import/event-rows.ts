import { EVENT_TYPES } from "../../core/vocabulary.ts";
import { DATASETS, type ImportCatalog, type Row } from "./catalog.ts";
import type { DatasetEvent, DatasetName } from "./dataset-event.ts";

/** The rows one dataset event becomes: its incident, and the dataset's claim about it (citing the dataset's source row). */
export interface EventRows {
  incident: Row;
  claim: Row;
}

/**
 * The id of a dataset's one row in sources.csv, which every claim imported from it cites: the dataset is the
 * source, and each claim names the event and whom the dataset cites for it. One row per event would make a
 * million-event import a million sources for the filters and the check to carry.
 */
export function datasetSourceId(dataset: DatasetName): string {
  return `src-${dataset}-dataset`;
}

/**
 * The dataset's source row. `published`: the day the dataset last changed a record of the export (ACLED
 * `timestamp`), or the day of the import when the export gives none (UCDP); `file`: the export's file name.
 */
export function datasetSourceRow(dataset: DatasetName, published: string, file: string): Row {
  const data = DATASETS[dataset];
  return {
    id: datasetSourceId(dataset),
    outlet_en: data.outlet.en,
    outlet_ar: data.outlet.ar,
    published,
    published_precision: "day",
    language: "en",
    url: data.url,
    affiliation_en: data.terms.en,
    affiliation_ar: data.terms.ar,
    file,
  };
}

/** The incident id of a dataset event: the dataset's own id, so a newer export updates the same row. */
export function incidentIdOf(event: Pick<DatasetEvent, "dataset" | "eventId">): string {
  return `${event.dataset}-${event.eventId.toLowerCase()}`;
}

/**
 * One dataset event → its sheet rows. Every figure goes in the claim, attributed to the dataset and naming who the
 * dataset cites; the incident's texts say where the event comes from and state no figure.
 */
export function toEventRows(event: DatasetEvent, catalog: ImportCatalog): EventRows {
  const id = incidentIdOf(event);
  const data = DATASETS[event.dataset];
  const place = catalog.placeFor(event);
  const perpetrators = unique(event.perpetrators.map((n) => catalog.actorFor(n)));
  const targets = unique(event.targets.map((n) => catalog.actorFor(n)));
  const claimant = catalog.datasetActor(event.dataset);
  const type = EVENT_TYPES.find((t) => t.id === event.event_type);
  const samePoint = place.lat === event.lat && place.lon === event.lon;
  const placeEn = place.name_en || place.name_ar;
  const placeAr = place.name_ar || place.name_en;
  const dataset = data.outlet.en;
  const actorList = (lang: "en" | "ar") =>
    unique([...perpetrators, ...targets])
      .map((a) => {
        const name = catalog.actorName(a);
        return lang === "en" ? name.en || name.ar : name.ar || name.en;
      })
      .join(lang === "en" ? ", " : "، ");
  const where = event.admin.length > 0 ? ` (${event.admin.join(", ")})` : "";
  const actorsEn = actorList("en");
  const actorsAr = actorList("ar");
  const incident: Row = {
    id,
    title_en: `${type?.name.en ?? event.event_type}, ${placeEn} (${short(event)})`,
    title_ar: `${type?.name.ar ?? event.event_type}، ${placeAr} (${short(event)})`,
    summary_en:
      `Imported from ${dataset}, event ${event.eventId} (${event.typeLabel}). The dataset places it at ` +
      `${event.placeName || placeEn}${where}${actorsEn ? ` and names ${actorsEn}` : ""}. ` +
      "Its figures and the reports it relies on are in its claim; nothing here is verified by the atlas.",
    summary_ar:
      `مستورد من ${data.outlet.ar}، الحدث ${event.eventId}. تحدد مجموعة البيانات مكانه في ` +
      `${placeAr}${actorsAr ? ` وتذكر: ${actorsAr}` : ""}. ` +
      "أرقامها والتقارير التي تعتمد عليها واردة في ادعائها، ولم يتحقق منها الأطلس.",
    date_start: event.date.date_start,
    date_end: event.date.date_end,
    date_precision: event.date.date_precision,
    place: place.id,
    lat: samePoint ? "" : String(event.lat),
    lon: samePoint ? "" : String(event.lon),
    location_precision: event.place.location_precision,
    radius_km: String(event.place.radius_km),
    event_type: event.event_type,
    perpetrators: perpetrators.join(";"),
    targets: targets.join(";"),
  };
  const claim: Row = {
    id: `${id}-claim`,
    incident: id,
    claimant,
    source: datasetSourceId(event.dataset),
    stance: "asserts",
    ...claimTexts(event),
    // The column takes one figure: the lowest, with the range in the text (data/README.md, claims.csv).
    killed: event.deaths === null ? "" : String(event.deaths.low),
    injured: "",
    captured: "",
  };
  return { incident, claim };
}

function short(event: DatasetEvent): string {
  return `${event.dataset === "ucdp" ? "UCDP GED" : "ACLED"} ${event.eventId}`;
}

function claimTexts(event: DatasetEvent): { claim_en: string; claim_ar: string } {
  // The claims share one source row, the dataset's: each names its event.
  const dataset = event.dataset === "ucdp" ? "UCDP GED" : "ACLED";
  const name = `${dataset} (event ${event.eventId})`;
  const nameAr = `${dataset} (الحدث ${event.eventId})`;
  const cites = event.reportedBy
    ? `${event.reportedBy}${event.reportedOn ? ` (${event.reportedOn})` : ""}`
    : "";
  const citesEn = cites ? `, citing ${cites}` : ", without naming its sources";
  const citesAr = cites ? `، نقلاً عن: ${cites}` : "، دون ذكر مصادره";
  const d = event.deaths;
  if (d === null) {
    return {
      claim_en: `${name} records this event without a death figure${citesEn}.`,
      claim_ar: `يسجّل ${nameAr} هذا الحدث دون رقم للقتلى${citesAr}.`,
    };
  }
  if (event.dataset === "ucdp") {
    return {
      claim_en: `${name} estimates ${d.best} deaths (best estimate; low ${d.low}, high ${d.high})${citesEn}.`,
      claim_ar: `يقدّر ${nameAr} عدد القتلى بـ ${d.best} (التقدير الأرجح؛ الأدنى ${d.low}، الأعلى ${d.high})${citesAr}.`,
    };
  }
  return {
    claim_en: `${name} records ${d.best} fatalities${citesEn}.`,
    claim_ar: `يسجّل ${nameAr} ${d.best} قتلى${citesAr}.`,
  };
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

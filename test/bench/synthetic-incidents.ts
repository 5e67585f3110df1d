import { dayNumberToIsoDay, isoDayToDayNumber } from "../../src/core/day-number.ts";
import type {
  ActorRef,
  Bilingual,
  CollectionMeta,
  DatePrecision,
  IncidentCollection,
  IncidentFeature,
  SourceRef,
} from "../../src/core/incident.ts";
import { EVENT_TYPES } from "../../src/core/vocabulary.ts";

/**
 * Synthetic, valid IncidentFeature objects shaped like an ACLED-style sheet of north/east Syria:
 * 2014–2025, mostly day-precise dates with some month/year spans and multi-day ranges, 1–2 perpetrators,
 * 0–2 targets, 1–4 claims from a pool of sources. Deterministic for a given seed, so runs compare.
 * Used by the filter benchmark (and meant for the browser benchmark's generated sheet).
 */

/** Mulberry32: small, fast, seedable. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACTOR_NAMES: [string, string, string, string[]][] = [
  ["sdf", "Syrian Democratic Forces", "قوات سوريا الديمقراطية", ["SDF", "QSD", "قسد"]],
  ["isis", "Islamic State", "تنظيم الدولة الإسلامية", ["ISIS", "Daesh", "داعش"]],
  ["asayish", "Asayish", "الأسايش", ["Internal Security Forces"]],
  ["sna", "Syrian National Army", "الجيش الوطني السوري", ["SNA"]],
  ["turkish-army", "Turkish Armed Forces", "القوات المسلحة التركية", ["TAF"]],
  ["coalition", "International Coalition", "التحالف الدولي", ["CJTF-OIR"]],
  ["syrian-army", "Syrian Army", "الجيش السوري", ["SAA"]],
  ["sohr", "Syrian Observatory for Human Rights", "المرصد السوري لحقوق الإنسان", ["SOHR"]],
  ["civilians", "Civilians", "مدنيون", []],
  ["unknown-gunmen", "Unidentified gunmen", "مسلحون مجهولون", []],
];

const PLACES: [string, string, string, string, number, number][] = [
  ["raqqa", "Raqqa", "الرقة", "SY-RA", 38.998, 35.95],
  ["hasakah", "Al-Hasakah", "الحسكة", "SY-HA", 40.747, 36.507],
  ["qamishli", "Qamishli", "القامشلي", "SY-HA", 41.222, 37.052],
  ["deir-ez-zor", "Deir ez-Zor", "دير الزور", "SY-DY", 40.141, 35.336],
  ["busayrah", "Al-Busayrah", "البصيرة", "SY-DY", 40.42, 35.15],
  ["manbij", "Manbij", "منبج", "SY-HL", 37.95, 36.528],
  ["kobani", "Kobani", "عين العرب", "SY-HL", 38.356, 36.891],
  ["tabqa", "Tabqa", "الطبقة", "SY-RA", 38.548, 35.837],
  ["hajin", "Hajin", "هجين", "SY-DY", 40.83, 34.69],
  ["shaddadi", "Al-Shaddadi", "الشدادي", "SY-HA", 40.73, 36.06],
];

const GOVERNORATES: Record<string, Bilingual> = {
  "SY-RA": { en: "Raqqa", ar: "الرقة" },
  "SY-HA": { en: "Al-Hasakah", ar: "الحسكة" },
  "SY-DY": { en: "Deir ez-Zor", ar: "دير الزور" },
  "SY-HL": { en: "Aleppo", ar: "حلب" },
};

const OUTLETS: [string, string][] = [
  ["North Pulse", "نورث برس"],
  ["Enab Baladi", "عنب بلدي"],
  ["Syria TV", "تلفزيون سوريا"],
  ["Hawar News", "وكالة هاوار"],
  ["Deir ez-Zor 24", "دير الزور 24"],
];

const WORDS_EN = [
  "attack",
  "checkpoint",
  "patrol",
  "convoy",
  "village",
  "road",
  "fighters",
  "cell",
  "drone",
  "house",
];
const WORDS_AR = ["هجوم", "حاجز", "دورية", "قافلة", "قرية", "طريق", "مقاتلين", "خلية", "مسيّرة", "منزل"];

const FIRST_DAY = isoDayToDayNumber("2014-01-01");
const LAST_DAY = isoDayToDayNumber("2025-12-31");

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

export interface SyntheticOptions {
  seed?: number;
  /** Number of distinct actors (the first ten have real-looking names). */
  actors?: number;
  /** Number of distinct source articles. */
  sources?: number;
}

/** `count` synthetic incidents plus the vocabularies (meta) the filters need. */
export function createSyntheticCollection(count: number, options: SyntheticOptions = {}): IncidentCollection {
  const random = createRandom(options.seed ?? 42);
  const actorCount = options.actors ?? 60;
  const sourceCount = options.sources ?? Math.max(20, Math.round(count / 50));

  const actors: CollectionMeta["actors"] = [];
  for (let a = 0; a < actorCount; a++) {
    const base = ACTOR_NAMES[a % ACTOR_NAMES.length] as (typeof ACTOR_NAMES)[number];
    const suffix = a < ACTOR_NAMES.length ? "" : ` ${Math.floor(a / ACTOR_NAMES.length)}`;
    actors.push({
      id: `${base[0]}${suffix ? `-${suffix.trim()}` : ""}`,
      name: { en: `${base[1]}${suffix}`, ar: `${base[2]}${suffix}` },
      color: "#777777",
      aliases: base[3],
      kind: "armed-group",
      parent: null,
    });
  }
  const actorRefs: ActorRef[] = actors.map(({ id, name, color }) => ({ id, name, color }));

  const sources: SourceRef[] = [];
  for (let s = 0; s < sourceCount; s++) {
    const outlet = pick(random, OUTLETS);
    sources.push({
      id: `src-${String(s).padStart(5, "0")}`,
      outlet: { en: outlet[0], ar: outlet[1] },
      published: dayNumberToIsoDay(FIRST_DAY + Math.floor(random() * (LAST_DAY - FIRST_DAY))),
      published_precision: "day",
      language: "ar",
      url: null,
      affiliation: { en: "", ar: "" },
    });
  }

  const features: IncidentFeature[] = [];
  for (let i = 0; i < count; i++) {
    const place = pick(random, PLACES);
    const type = pick(random, EVENT_TYPES);
    const r = random();
    let precision: DatePrecision = "day";
    let startDay = FIRST_DAY + Math.floor(random() * (LAST_DAY - FIRST_DAY));
    let endDay = startDay;
    let startRaw = dayNumberToIsoDay(startDay);
    let endRaw = startRaw;
    if (r < 0.08) {
      precision = "month";
      startRaw = startRaw.slice(0, 7);
      endRaw = startRaw;
      startDay = isoDayToDayNumber(`${startRaw}-01`);
      endDay = isoDayToDayNumber(`${startRaw}-${String(daysInMonth(startRaw)).padStart(2, "0")}`);
    } else if (r < 0.1) {
      precision = "year";
      startRaw = startRaw.slice(0, 4);
      endRaw = startRaw;
      startDay = isoDayToDayNumber(`${startRaw}-01-01`);
      endDay = isoDayToDayNumber(`${startRaw}-12-31`);
    } else if (r < 0.15) {
      endDay = startDay + 1 + Math.floor(random() * 10); // a multi-day incident
      endRaw = dayNumberToIsoDay(endDay);
    }
    const perpetrators = [pick(random, actorRefs)];
    if (random() < 0.2) perpetrators.push(pick(random, actorRefs));
    const targets: ActorRef[] = [];
    const targetCount = Math.floor(random() * 3);
    for (let t = 0; t < targetCount; t++) targets.push(pick(random, actorRefs));
    const claims = [];
    const claimCount = 1 + Math.floor(random() * 4);
    for (let c = 0; c < claimCount; c++) {
      claims.push({
        id: `claim-${i}-${c}`,
        claimant: pick(random, actorRefs),
        source: pick(random, sources),
        stance: "asserts" as const,
        text: { en: "Claims an attack took place.", ar: "يقول إن هجوماً وقع." },
        killed: random() < 0.5 ? Math.floor(random() * 10) : null,
        injured: null,
        captured: null,
      });
    }
    const wordEn = pick(random, WORDS_EN);
    const wordAr = pick(random, WORDS_AR);
    features.push({
      type: "Feature",
      id: i,
      geometry: {
        type: "Point",
        coordinates: [place[4] + (random() - 0.5) * 0.2, place[5] + (random() - 0.5) * 0.2],
      },
      properties: {
        id: `incident-${i}`,
        title: {
          en: `${type.name.en} on ${wordEn} near ${place[1]}`,
          ar: `${type.name.ar}: ${wordAr} قرب ${place[2]}`,
        },
        summary: {
          en: `A ${wordEn} near ${place[1]} was hit; ${(perpetrators[0] as ActorRef).name.en} is said to be responsible.`,
          ar: `استُهدف ${wordAr} قرب ${place[2]}، وتُنسب المسؤولية إلى ${(perpetrators[0] as ActorRef).name.ar}.`,
        },
        date_start: dayNumberToIsoDay(startDay),
        date_end: dayNumberToIsoDay(endDay),
        date_start_raw: startRaw,
        date_end_raw: endRaw,
        date_precision: precision,
        place: { id: place[0], name: { en: place[1], ar: place[2] }, kind: "town" },
        location_precision: "town",
        radius_km: 2,
        governorate: { id: place[3], name: GOVERNORATES[place[3]] as Bilingual },
        position: { en: place[1], ar: place[2] },
        event_type: type.id,
        perpetrators,
        targets,
        claims,
        source_ids: [...new Set(claims.map((c) => c.source.id))].sort(),
        contested: false,
      },
    });
  }
  return {
    type: "FeatureCollection",
    features,
    meta: {
      actors,
      sources,
      event_types: EVENT_TYPES.map((t) => ({ ...t })),
      governorates: Object.entries(GOVERNORATES).map(([id, name]) => ({ id, name })),
    },
  };
}

function daysInMonth(yearMonth: string): number {
  const year = Number(yearMonth.slice(0, 4));
  const month = Number(yearMonth.slice(5, 7));
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

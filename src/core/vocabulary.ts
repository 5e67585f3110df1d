import type { Bilingual, DatePrecision, LocationPrecision, Stance } from "./incident.ts";

/**
 * The documented vocabularies of the incident sheet. Colours are Paul Tol's "muted" scheme,
 * chosen because it stays distinguishable under the common colour-vision deficiencies.
 */
export const EVENT_TYPES: readonly { id: string; name: Bilingual; color: string }[] = [
  { id: "attack", name: { en: "Armed attack", ar: "هجوم مسلح" }, color: "#CC6677" },
  { id: "armed-clash", name: { en: "Armed clash / battle", ar: "اشتباك أو معركة" }, color: "#882255" },
  {
    id: "airstrike",
    name: { en: "Airstrike / drone strike", ar: "غارة جوية أو بطائرة مسيّرة" },
    color: "#332288",
  },
  { id: "raid", name: { en: "Ground raid", ar: "إنزال أو مداهمة" }, color: "#88CCEE" },
  { id: "shelling", name: { en: "Shelling", ar: "قصف مدفعي" }, color: "#DDCC77" },
  { id: "bombing", name: { en: "Bombing / explosion", ar: "تفجير" }, color: "#AA4499" },
  { id: "killing", name: { en: "Killing / assassination", ar: "قتل أو اغتيال" }, color: "#117733" },
  { id: "arrest", name: { en: "Arrest / detention", ar: "اعتقال" }, color: "#44AA99" },
  {
    id: "prison-break",
    name: { en: "Prison attack / escape", ar: "هجوم على سجن أو فرار منه" },
    color: "#999933",
  },
];

export const EVENT_TYPE_IDS: readonly string[] = EVENT_TYPES.map((t) => t.id);

export const DATE_PRECISIONS: readonly DatePrecision[] = ["day", "month", "year"];

/** Location precision classes, most to least exact, with the smallest honest radius (km) for each. */
export const LOCATION_PRECISIONS: readonly { id: LocationPrecision; minRadiusKm: number }[] = [
  { id: "exact", minRadiusKm: 0 },
  { id: "village", minRadiusKm: 1 },
  { id: "town", minRadiusKm: 2 },
  { id: "district", minRadiusKm: 10 },
  { id: "governorate", minRadiusKm: 30 },
];

export const STANCES: readonly Stance[] = ["asserts", "disputes", "denies"];

export const ACTOR_KINDS: readonly string[] = [
  "armed-group", // non-state armed group (ISIS, SDF factions)
  "state-military", // a state's armed forces or defence ministry
  "security-force", // police, internal security (Asayish, General Security)
  "coalition", // multinational coalition
  "government", // a government or administration speaking as such
  "monitor", // observatories, NGOs that count casualties
  "media", // an outlet speaking for itself
  "civilian", // civilians, named individuals, communities
  "unknown", // "unidentified gunmen"
];

export const PLACE_KINDS: readonly string[] = [
  "city",
  "town",
  "village",
  "neighbourhood",
  "facility",
  "district",
  "area",
];

/**
 * ViewState: everything a shared link or an embed reproduces. The store holds one immutable
 * ViewState; the URL is its serialisation (see url-codec.ts).
 */

export type Lang = "en" | "ar";

/** Which part an actor must play in an incident to match the actor filter. */
export type ActorRole = "any" | "perpetrator" | "target" | "claimant";

export interface Filters {
  /** Inclusive ISO days "YYYY-MM-DD"; null leaves that side open. An incident matches when its span overlaps. */
  from: string | null;
  to: string | null;
  /** Actor ids; an incident matches when any of them plays `role`. Empty: no actor filter. */
  actors: string[];
  role: ActorRole;
  /** Source ids; an incident matches when one of its claims cites one of them. */
  sources: string[];
  /** Event type ids. */
  types: string[];
  /** Governorate ids (ISO 3166-2, e.g. "SY-HA"). */
  governorates: string[];
  /** Free text, matched diacritic- and case-insensitively in both languages. */
  q: string;
}

/** MapLibre's `#zoom/lat/lon`. */
export interface Camera {
  zoom: number;
  lat: number;
  lon: number;
}

export interface EmbedOptions {
  /** `embed=1`: compact chrome for an iframe. */
  enabled: boolean;
  /** Filters cannot be changed by the reader. */
  locked: boolean;
  /** Filter controls are shown. */
  controls: boolean;
  /** The timeline is shown. */
  timeline: boolean;
}

export interface ViewState {
  filters: Filters;
  /** Id of the selected incident, or null. */
  selected: string | null;
  lang: Lang;
  /** null: fit all incidents. */
  camera: Camera | null;
  embed: EmbedOptions;
}

export const NO_FILTERS: Filters = {
  from: null, // open start
  to: null, // open end
  actors: [], // any actor
  role: "any", // an actor may play any part
  sources: [], // any source
  types: [], // any event type
  governorates: [], // anywhere
  q: "", // no text search
};

export const DEFAULT_VIEW: ViewState = {
  filters: NO_FILTERS,
  selected: null, // nothing selected: panel closed
  lang: "en", // English unless the URL or the browser asks for Arabic
  camera: null, // fit the bbox of all incidents
  embed: { enabled: false, locked: false, controls: true, timeline: true },
};

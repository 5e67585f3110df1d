/**
 * The messages between a responsive embed and the host page's public/embed.js, and the height the embed asks for.
 * Pure: the embed's side is ui/embed-height.ts; the host's side is public/embed.js, which repeats the two type
 * names and the height limits (it is a plain script on other sites and imports nothing; a unit test keeps them equal).
 *
 * The handshake, so that neither side ever posts to `*`:
 * 1. the host's script asks its own iframe, posting to the map's origin (read from the iframe's src);
 * 2. the embed answers only its parent, and only to the origin the browser reports for that request
 *    (the embed's URL and referrer say nothing of the host: the code sends no referrer);
 * 3. the script takes heights only from its own iframe's window and the map's origin.
 */

/** The host script's request: "tell me the height you want". */
export const HEIGHT_REQUEST_TYPE = "incident-atlas:height-request";
/** The embed's answer, sent again whenever the wanted height changes. */
export const HEIGHT_MESSAGE_TYPE = "incident-atlas:height";

/** Heights the embed may ask for, in CSS pixels: never too short to use, never taller than a screen. */
export const EMBED_HEIGHT_LIMITS = { min: 300, max: 720 } as const;

export interface HeightMessage {
  type: typeof HEIGHT_MESSAGE_TYPE;
  height: number;
}

/** Narrower than this, the frame is a phone's column: the map and its sheet need a portrait frame. */
const PORTRAIT_BELOW = 560;

/**
 * The frame height the embed wants for a column `width` pixels wide: portrait (5:4) in a phone's column, so the
 * incident's sheet leaves map above it; landscape (8:5) in a wider column; always within EMBED_HEIGHT_LIMITS.
 * @example wantedEmbedHeight(360) // 450
 * @example wantedEmbedHeight(800) // 500
 */
export function wantedEmbedHeight(width: number): number {
  if (!Number.isFinite(width) || width <= 0) return EMBED_HEIGHT_LIMITS.min;
  const height = width < PORTRAIT_BELOW ? (width * 5) / 4 : (width * 5) / 8;
  return Math.min(EMBED_HEIGHT_LIMITS.max, Math.max(EMBED_HEIGHT_LIMITS.min, Math.round(height)));
}

/** The answer to post, for a frame `width` wide. */
export function heightMessage(width: number): HeightMessage {
  return { type: HEIGHT_MESSAGE_TYPE, height: wantedEmbedHeight(width) };
}

/** Whether `data` (anything another window posted) is the host script's request. */
export function isHeightRequest(data: unknown): boolean {
  return isRecord(data) && data.type === HEIGHT_REQUEST_TYPE;
}

/**
 * The height in a posted `data`, or null when it is not a well-formed answer: a whole number of pixels within
 * EMBED_HEIGHT_LIMITS, and nothing else (a page must not be able to make the frame 10⁶ px tall or 0 px).
 * @example readHeightMessage({ type: "incident-atlas:height", height: 450 }) // 450
 * @example readHeightMessage({ type: "incident-atlas:height", height: "450px" }) // null
 */
export function readHeightMessage(data: unknown): number | null {
  if (!isRecord(data) || data.type !== HEIGHT_MESSAGE_TYPE) return null;
  const { height } = data;
  if (typeof height !== "number" || !Number.isInteger(height)) return null;
  if (height < EMBED_HEIGHT_LIMITS.min || height > EMBED_HEIGHT_LIMITS.max) return null;
  return height;
}

function isRecord(data: unknown): data is Record<string, unknown> {
  return typeof data === "object" && data !== null && !Array.isArray(data);
}

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  EMBED_HEIGHT_LIMITS,
  HEIGHT_MESSAGE_TYPE,
  HEIGHT_REQUEST_TYPE,
  heightMessage,
  isHeightRequest,
  readHeightMessage,
  wantedEmbedHeight,
} from "../../../src/core/embed-resize.ts";

describe("wantedEmbedHeight", () => {
  it("asks for a portrait frame in a phone's column and a landscape one in a wider column", () => {
    expect(wantedEmbedHeight(360)).toBe(450);
    expect(wantedEmbedHeight(800)).toBe(500);
  });

  it("stays within the limits for any width, and falls back to the least for nonsense", () => {
    expect(wantedEmbedHeight(200)).toBe(EMBED_HEIGHT_LIMITS.min);
    expect(wantedEmbedHeight(3000)).toBe(EMBED_HEIGHT_LIMITS.max);
    expect(wantedEmbedHeight(Number.NaN)).toBe(EMBED_HEIGHT_LIMITS.min);
    expect(wantedEmbedHeight(-5)).toBe(EMBED_HEIGHT_LIMITS.min);
  });
});

describe("the embed's answer and the host's request", () => {
  it("reads back the answer the embed writes", () => {
    const message = heightMessage(480);
    expect(message).toEqual({ type: HEIGHT_MESSAGE_TYPE, height: 600 });
    expect(readHeightMessage(message)).toBe(600);
    expect(readHeightMessage(structuredClone(message))).toBe(600);
  });

  it.each([
    ["a string", "incident-atlas:height"],
    ["null", null],
    ["an array", [HEIGHT_MESSAGE_TYPE, 400]],
    ["another type", { type: "resize", height: 400 }],
    ["a height in a string", { type: HEIGHT_MESSAGE_TYPE, height: "400px" }],
    ["a fraction", { type: HEIGHT_MESSAGE_TYPE, height: 400.5 }],
    ["a height of zero", { type: HEIGHT_MESSAGE_TYPE, height: 0 }],
    ["a huge height", { type: HEIGHT_MESSAGE_TYPE, height: 1_000_000 }],
    ["Infinity", { type: HEIGHT_MESSAGE_TYPE, height: Number.POSITIVE_INFINITY }],
  ])("refuses %s as an answer", (_, data) => {
    expect(readHeightMessage(data)).toBeNull();
  });

  it("knows the host's request and nothing else", () => {
    expect(isHeightRequest({ type: HEIGHT_REQUEST_TYPE })).toBe(true);
    expect(isHeightRequest({ type: HEIGHT_MESSAGE_TYPE, height: 400 })).toBe(false);
    expect(isHeightRequest(HEIGHT_REQUEST_TYPE)).toBe(false);
    expect(isHeightRequest(null)).toBe(false);
  });
});

describe("public/embed.js, the host's side", () => {
  // The script runs on other sites and imports nothing: it repeats the names and limits, which must agree.
  const script = readFileSync(new URL("../../../public/embed.js", import.meta.url), "utf8");

  it("uses the same message types and height limits as the embed", () => {
    expect(script).toContain(`const REQUEST_TYPE = "${HEIGHT_REQUEST_TYPE}";`);
    expect(script).toContain(`const MESSAGE_TYPE = "${HEIGHT_MESSAGE_TYPE}";`);
    expect(script).toContain(`const MIN_HEIGHT = ${EMBED_HEIGHT_LIMITS.min};`);
    expect(script).toContain(`const MAX_HEIGHT = ${EMBED_HEIGHT_LIMITS.max};`);
  });

  it("never posts to every origin", () => {
    expect(script).not.toMatch(/postMessage\([^)]*["'`]\*["'`]/);
  });
});

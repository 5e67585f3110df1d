import { describe, expect, it } from "vitest";
import { constrainToExtent } from "../../../src/core/camera-extent.ts";
import { NO_INSETS } from "../../../src/core/covered-insets.ts";

const EXTENT = [34, 31, 44, 39] as const;

/** The longitudes and latitudes at the box's edges for a camera, in Web Mercator with 512 px tiles. */
function edges(
  camera: { lng: number; lat: number; zoom: number },
  box: { width: number; height: number },
  padding = NO_INSETS,
) {
  const world = 512 * 2 ** camera.zoom;
  const x = ((camera.lng + 180) / 360) * world;
  const phi = (camera.lat * Math.PI) / 180;
  const y = ((1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2) * world;
  const cx = padding.left + (box.width - padding.left - padding.right) / 2;
  const cy = padding.top + (box.height - padding.top - padding.bottom) / 2;
  const lng = (px: number) => (px / world) * 360 - 180;
  const lat = (py: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * py) / world))) * 180) / Math.PI;
  return {
    west: lng(x - cx),
    east: lng(x + box.width - cx),
    north: lat(y - cy),
    south: lat(y + box.height - cy),
  };
}

function expectInside(e: ReturnType<typeof edges>): void {
  expect(e.west).toBeGreaterThanOrEqual(EXTENT[0] - 1e-9);
  expect(e.south).toBeGreaterThanOrEqual(EXTENT[1] - 1e-9);
  expect(e.east).toBeLessThanOrEqual(EXTENT[2] + 1e-9);
  expect(e.north).toBeLessThanOrEqual(EXTENT[3] + 1e-9);
}

describe("constrainToExtent", () => {
  it("keeps a camera that shows only the extent", () => {
    const wanted = { lng: 39, lat: 35, zoom: 8 };
    expect(constrainToExtent(wanted, { width: 600, height: 400, padding: NO_INSETS }, EXTENT)).toEqual(
      wanted,
    );
  });

  it("zooms in until a wide box spans no more than the extent", () => {
    const box = { width: 1200, height: 600 };
    const camera = constrainToExtent({ lng: 39, lat: 35, zoom: 4 }, { ...box, padding: NO_INSETS }, EXTENT);
    expect(camera.zoom).toBeGreaterThan(6);
    expectInside(edges(camera, box));
    // Exactly as far as needed: 1200 px then span the extent's 10 degrees of longitude.
    const e = edges(camera, box);
    expect(e.east - e.west).toBeCloseTo(10, 6);
  });

  it("moves a camera in from the edge of the extent", () => {
    const box = { width: 600, height: 400 };
    const camera = constrainToExtent(
      { lng: 43.9, lat: 38.9, zoom: 7 },
      { ...box, padding: NO_INSETS },
      EXTENT,
    );
    expect(camera.zoom).toBe(7);
    expectInside(edges(camera, box));
  });

  it("keeps the strips under the padding inside the extent too", () => {
    const box = { width: 700, height: 400 };
    const padding = { top: 40, right: 320, bottom: 0, left: 0 };
    const camera = constrainToExtent({ lng: 43.5, lat: 36, zoom: 6 }, { ...box, padding }, EXTENT);
    expectInside(edges(camera, box, padding));
  });

  it("leaves a camera alone while the map has no size yet", () => {
    const wanted = { lng: 0, lat: 0, zoom: 1 };
    expect(constrainToExtent(wanted, { width: 0, height: 0, padding: NO_INSETS }, EXTENT)).toEqual(wanted);
  });
});

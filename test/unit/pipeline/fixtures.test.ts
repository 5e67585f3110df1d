import { describe, expect, it } from "vitest";
import { buildIncidents, formatRowError, stringifyCollection } from "../../../src/pipeline/index.ts";
import { caseBytes, caseNames, reference, TODAY } from "./sheets.ts";

// Turf-style in/out pairs: test/fixtures/sheets/<case>/ → test/fixtures/expected/<case>.geojson (when valid) and
// <case>.errors.txt (every error and warning, verbatim). Review changes, then accept them with `vitest -u`.
describe("buildIncidents on fixture sheets", () => {
  for (const name of caseNames()) {
    it(`turns ${name} into the expected output`, async () => {
      const result = buildIncidents(caseBytes(name), reference, { today: TODAY });
      const messages = [...result.errors, ...result.warnings].map(formatRowError);
      if (result.collection) {
        await expect(stringifyCollection(result.collection)).toMatchFileSnapshot(
          `../../fixtures/expected/${name}.geojson`,
        );
      }
      if (messages.length > 0 || !result.collection) {
        await expect(`${messages.join("\n")}\n`).toMatchFileSnapshot(
          `../../fixtures/expected/${name}.errors.txt`,
        );
      }
    });
  }
});

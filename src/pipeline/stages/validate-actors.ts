import type { CollectionMeta } from "../../core/incident.ts";
import { ACTOR_KINDS } from "../../core/vocabulary.ts";
import { CellReader } from "../sheet/cell-reader.ts";
import { readNames } from "../sheet/read-names.ts";
import type { Sheet } from "../sheet/read-sheet.ts";
import type { ProblemLog } from "../sheet/row-error.ts";
import { UniqueIds } from "../sheet/unique-ids.ts";

export type Actor = CollectionMeta["actors"][number];

/** actors.csv → actors by id. Parents are checked after all rows are read, so a parent may come later. */
export function validateActors(sheet: Sheet, log: ProblemLog): Map<string, Actor> {
  const actors = new Map<string, Actor>();
  const ids = new UniqueIds();
  const cells = new CellReader(sheet, log);
  const parents: { row: (typeof sheet.rows)[number]; parent: string }[] = [];
  for (const row of sheet.rows) {
    cells.at(row);
    const id = ids.take(cells, cells.slug("id"));
    const name = readNames(cells);
    const aliases = cells.list("aliases");
    const kind = cells.oneOf("kind", ACTOR_KINDS, "an actor kind");
    const color = cells.code("color");
    if (color !== null && !/^#[0-9a-fA-F]{6}$/.test(color)) {
      cells.error("color", color, "is not a colour (#rrggbb)", "write six hex digits after #, e.g. #e6b800");
    }
    const parent = cells.raw("parent").trim();
    if (parent !== "") parents.push({ row, parent });
    if (!cells.ok || id === null || kind === null || color === null) continue;
    actors.set(id, {
      id,
      name,
      color: color.toLowerCase(),
      aliases,
      kind,
      parent: parent === "" ? null : parent,
    });
  }
  for (const { row, parent } of parents) {
    cells.at(row);
    const own = cells.raw("id").trim();
    if (parent === own) {
      cells.error(
        "parent",
        parent,
        "is the actor's own id",
        "leave parent empty or name the actor it belongs to",
      );
    } else if (!ids.has(parent)) {
      cells.ref("parent", actors, "actors.csv");
    }
  }
  return actors;
}

import { CodeDictionary } from "./code-dictionary.ts";
import type { ActorRef, CollectionMeta, GovernorateRef, SourceRef } from "./incident.ts";

/**
 * The table's dictionaries: the code of each event type, governorate, actor and source an incident names. Starts
 * from a copy of the collection's meta; an id the incidents name but meta lacks is appended, never dropped (and
 * never added to the caller's meta).
 */
export class TableCodes {
  readonly meta: CollectionMeta;
  private readonly actorDictionary: CodeDictionary<CollectionMeta["actors"][number]>;
  private readonly sourceDictionary: CodeDictionary<CollectionMeta["sources"][number]>;
  private readonly typeDictionary: CodeDictionary<CollectionMeta["event_types"][number]>;
  private readonly governorateDictionary: CodeDictionary<CollectionMeta["governorates"][number]>;

  constructor(meta: CollectionMeta) {
    this.meta = {
      actors: [...meta.actors],
      sources: [...meta.sources],
      event_types: [...meta.event_types],
      governorates: [...meta.governorates],
    };
    this.actorDictionary = new CodeDictionary(this.meta.actors, 0);
    this.sourceDictionary = new CodeDictionary(this.meta.sources, 0);
    this.typeDictionary = new CodeDictionary(this.meta.event_types, 0);
    this.governorateDictionary = new CodeDictionary(this.meta.governorates, 1);
  }

  /** The code of an event type; a type meta lacks is appended (grey, named by its id). */
  typeCode(id: string): number {
    return this.typeDictionary.code(id, () => ({ id, name: { en: id, ar: id }, color: "#888888" }));
  }

  /** The code of a governorate, 0 for none; one meta lacks is appended. */
  governorateCode(governorate: GovernorateRef | null): number {
    return governorate ? this.governorateDictionary.code(governorate.id, () => governorate) : 0;
  }

  /** The code of an actor; one meta lacks is appended (kind unknown, no aliases). */
  actorCode(actor: ActorRef): number {
    return this.actorDictionary.code(actor.id, () => ({
      id: actor.id,
      name: actor.name,
      color: actor.color,
      aliases: [],
      kind: "unknown",
      parent: null,
    }));
  }

  /** The code of a source; one meta lacks is appended. */
  sourceCode(source: SourceRef): number {
    return this.sourceDictionary.code(source.id, () => source);
  }

  /** The code of a source known only by its id (source_ids); one meta lacks is appended with empty fields. */
  sourceIdCode(id: string): number {
    return this.sourceDictionary.code(id, () => ({
      id,
      outlet: { en: "", ar: "" },
      published: "",
      published_precision: "day",
      language: "",
      url: null,
      affiliation: { en: "", ar: "" },
    }));
  }
}

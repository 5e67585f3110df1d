/**
 * The one way UI messages are filled: `{name}` placeholders and `{name, plural, …}` choices, numbers written in
 * the language's digits. Pure: Intl only.
 *
 * The plural syntax is the ICU MessageFormat subset the catalogues need:
 * `{count, plural, =0 {none} one {# incident} other {# incidents}}`. A branch is picked by an exact `=n` first,
 * then by `Intl.PluralRules` for the language (Arabic has all six categories: zero, one, two, few, many, other),
 * then `other`. `#` in the branch is the number in the language's digits; a branch may hold other placeholders.
 */
import { LOCALES, numberFormatter } from "./format.ts";
import type { Lang } from "./view-state.ts";

export type MessageValues = Record<string, string | number>;

const pluralRules = new Map<Lang, Intl.PluralRules>();

function pluralCategory(value: number, lang: Lang): string {
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(LOCALES[lang]);
    pluralRules.set(lang, rules);
  }
  return rules.select(value);
}

/** Index of the `}` that closes the `{` at `open`, or -1 when the template never closes it. */
function closingBrace(template: string, open: number): number {
  let depth = 0;
  for (let i = open; i < template.length; i++) {
    if (template[i] === "{") depth++;
    else if (template[i] === "}" && --depth === 0) return i;
  }
  return -1;
}

/** `one {…} other {…}` → branches by selector ("one", "other", "=0"). */
function parseBranches(text: string): Map<string, string> | null {
  const branches = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    const head = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(text.slice(i));
    if (!head?.[1]) return text.slice(i).trim() === "" ? branches : null;
    const open = i + head[0].length - 1;
    const close = closingBrace(text, open);
    if (close < 0) return null;
    branches.set(head[1], text.slice(open + 1, close));
    i = close + 1;
  }
  return branches;
}

function formatArgument(body: string, whole: string, values: MessageValues, lang: Lang): string {
  const argument = /^\s*(\w+)\s*(?:,\s*plural\s*,([\s\S]*))?$/.exec(body);
  const name = argument?.[1];
  if (!argument || !name || !(name in values)) return whole;
  const value = values[name];
  if (argument[2] === undefined)
    return typeof value === "number" ? numberFormatter(lang).format(value) : String(value);
  const branches = parseBranches(argument[2]);
  if (typeof value !== "number" || !branches) return whole;
  const branch =
    branches.get(`=${value}`) ?? branches.get(pluralCategory(value, lang)) ?? branches.get("other");
  if (branch === undefined) return whole;
  return formatMessage(branch.replace(/#/g, numberFormatter(lang).format(value)), values, lang);
}

/**
 * Fills a message: `{name}` with the value (a number in the language's digits), `{name, plural, …}` with the
 * branch the number calls for. An unknown placeholder, a missing value or a malformed choice stays visible, so
 * the mistake is noticed rather than hidden.
 * @example formatMessage("{count, plural, one {# incident} other {# incidents}}", { count: 1 }, "en") // "1 incident"
 * @example formatMessage("{count, plural, zero {لا حوادث} one {حادثة واحدة} two {حادثتان} few {# حوادث} many {# حادثة} other {# حادثة}}", { count: 3 }, "ar") // "٣ حوادث"
 */
export function formatMessage(template: string, values: MessageValues, lang: Lang): string {
  let text = "";
  let from = 0;
  while (from < template.length) {
    const open = template.indexOf("{", from);
    const close = open < 0 ? -1 : closingBrace(template, open);
    if (close < 0) return text + template.slice(from);
    text += template.slice(from, open);
    text += formatArgument(template.slice(open + 1, close), template.slice(open, close + 1), values, lang);
    from = close + 1;
  }
  return text;
}

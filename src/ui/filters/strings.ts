import type { ChipKey } from "../../core/active-filters.ts";
import type { NoticeReason } from "../../core/url-codec.ts";
import type { Lang } from "../../core/view-state.ts";

/**
 * Strings of the filter bar, chips, timeline and URL notices. `ar` must have exactly the keys of `en`
 * (checked by its type). `{name}` placeholders are filled with `fill`.
 */
export const FILTER_STRINGS_EN = {
  filtersLabel: "Filters",
  filtersActive: "Filters, {count} active",
  from: "From",
  to: "To",
  dates: "Dates",
  datePlaceholder: "YYYY-MM-DD",
  dateInvalid: "Not a date: write year-month-day, e.g. {example}.",
  actor: "Actor",
  actorSearch: "Find an actor (names and aliases)",
  role: "Role",
  source: "Source",
  sourceSearch: "Find a source (outlet or date)",
  type: "Event type",
  governorate: "Governorate",
  search: "Search",
  searchPlaceholder: "Titles, places, actors…",
  chosenCount: "{count} chosen",
  anyChoice: "Any",
  noMatch: "Nothing matches “{text}”.",
  moreOptions: "{count} more: type to narrow the list.",
  done: "Done",
  locked: "The filters of this embedded map are fixed.",
  activeFilters: "Active filters",
  filterResults: "Filter results",
  removeChip: "Remove filter {kind}: {name}",
  clearAll: "Clear all",
  count: "{shown} of {total, plural, one {# incident} other {# incidents}}",
  emptyResult: "No incident matches these filters.",
  emptyClear: "Clear the filters",
  timelineLabel: "Incidents over time",
  timelineHint: "Drag across the bars to choose a period; use the handles with the arrow keys.",
  play: "Play",
  pause: "Pause",
  playHint: "Step the selected period through time",
  showAllDates: "All dates",
  brushStart: "Start of the period",
  brushEnd: "End of the period",
  barTitle:
    "{date}: {count, plural, one {# incident} other {# incidents}} ({spanning} spanning several bars)",
  spansLegend: "Lighter: incidents whose dates span more than one bar (a range, a month or a year).",
  stepDay: "by day",
  stepMonth: "by month",
  stepYear: "by year",
  noticesLabel: "Part of the link could not be used",
  dismiss: "Dismiss",
  noticeUnknownId: "“{value}” ({key}) is not in the data and was left out.",
  noticeNotADate: "“{value}” ({key}) is not a date (YYYY-MM-DD) and was left out.",
  noticeNotAllowed: "“{value}” is not a valid {key} and was left out.",
  noticeMarkup: "A value of {key} looked like code and was left out.",
  noticeTooLong: "The search text was too long and was shortened.",
  noticeRangeReversed: "The dates were the wrong way round and were swapped.",
  noticeBadCamera: "The map position “{value}” is not valid; showing all incidents.",
  noticeMalformed: "A value of {key} could not be read and was left out.",
} as const satisfies Record<string, string>;

export type FilterStrings = Record<keyof typeof FILTER_STRINGS_EN, string>;

export const FILTER_STRINGS_AR: FilterStrings = {
  filtersLabel: "المرشِّحات",
  filtersActive: "المرشِّحات المفعّلة: {count}",
  from: "من",
  to: "إلى",
  dates: "التواريخ",
  datePlaceholder: "سنة-شهر-يوم",
  dateInvalid: "ليس تاريخًا: اكتب السنة ثم الشهر ثم اليوم، مثل {example}.",
  actor: "الجهة",
  actorSearch: "ابحث عن جهة (بالاسم أو الاسم البديل)",
  role: "الدور",
  source: "المصدر",
  sourceSearch: "ابحث عن مصدر (الوسيلة أو التاريخ)",
  type: "نوع الحادثة",
  governorate: "المحافظة",
  search: "بحث",
  searchPlaceholder: "العناوين، الأماكن، الجهات…",
  chosenCount: "المختارة: {count}",
  anyChoice: "الكل",
  noMatch: "لا شيء يطابق «{text}».",
  moreOptions:
    "{count, plural, one {خيار آخر} two {خياران آخران} few {# خيارات أخرى} many {# خيارًا آخر} other {# خيار آخر}}: اكتب لتضييق القائمة.",
  done: "تم",
  locked: "مرشِّحات هذه الخريطة المضمَّنة ثابتة.",
  activeFilters: "المرشِّحات المفعَّلة",
  filterResults: "نتيجة الترشيح",
  removeChip: "إزالة المرشِّح {kind}: {name}",
  clearAll: "مسح الكل",
  count:
    "{shown} من أصل {total, plural, zero {# حادثة} one {حادثة واحدة} two {حادثتين} few {# حوادث} many {# حادثة} other {# حادثة}}",
  emptyResult: "لا توجد حادثة تطابق هذه المرشِّحات.",
  emptyClear: "مسح المرشِّحات",
  timelineLabel: "الحوادث عبر الزمن",
  timelineHint: "اسحب فوق الأعمدة لاختيار فترة، أو استخدم المقبضين بمفاتيح الأسهم.",
  play: "تشغيل",
  pause: "إيقاف مؤقت",
  playHint: "حرّك الفترة المختارة عبر الزمن",
  showAllDates: "كل التواريخ",
  brushStart: "بداية الفترة",
  brushEnd: "نهاية الفترة",
  barTitle:
    "{date}: {count, plural, zero {لا حوادث} one {حادثة واحدة} two {حادثتان} few {# حوادث} many {# حادثة} other {# حادثة}} (منها {spanning} تمتد على أكثر من عمود)",
  spansLegend: "الأفتح: حوادث يمتد تاريخها على أكثر من عمود (فترة أو شهر أو سنة).",
  stepDay: "حسب اليوم",
  stepMonth: "حسب الشهر",
  stepYear: "حسب السنة",
  noticesLabel: "تعذّر استخدام جزء من الرابط",
  dismiss: "إغلاق",
  noticeUnknownId: "«{value}» ({key}) غير موجود في البيانات فتم تجاهله.",
  noticeNotADate: "«{value}» ({key}) ليس تاريخاً (YYYY-MM-DD) فتم تجاهله.",
  noticeNotAllowed: "«{value}» ليست قيمة صالحة لـ {key} فتم تجاهلها.",
  noticeMarkup: "بدت إحدى قيم {key} كأنها شيفرة برمجية فتم تجاهلها.",
  noticeTooLong: "نص البحث طويل جداً فتم اختصاره.",
  noticeRangeReversed: "كان التاريخان معكوسين فتم تبديلهما.",
  noticeBadCamera: "موضع الخريطة «{value}» غير صالح؛ تُعرض كل الحوادث.",
  noticeMalformed: "تعذّرت قراءة إحدى قيم {key} فتم تجاهلها.",
};

const STRINGS: Record<Lang, FilterStrings> = { en: FILTER_STRINGS_EN, ar: FILTER_STRINGS_AR };

export function filterStrings(lang: Lang): FilterStrings {
  return STRINGS[lang];
}

/** Fills placeholders and plural choices, numbers in the language's digits: the one formatter (core/format-message). */
export { formatMessage as fill } from "../../core/format-message.ts";

/** What each chip kind is called, for the chip's accessible name. */
export function chipKindLabel(key: ChipKey, s: FilterStrings): string {
  const labels: Record<ChipKey, string> = {
    date: s.dates,
    actor: s.actor,
    role: s.role,
    source: s.source,
    type: s.type,
    gov: s.governorate,
    q: s.search,
  };
  return labels[key];
}

/** The notice template for each reason a URL value was dropped. */
export function noticeTemplate(reason: NoticeReason, s: FilterStrings): string {
  const templates: Record<NoticeReason, string> = {
    "unknown-id": s.noticeUnknownId,
    "not-a-date": s.noticeNotADate,
    "not-allowed": s.noticeNotAllowed,
    markup: s.noticeMarkup,
    "too-long": s.noticeTooLong,
    "range-reversed": s.noticeRangeReversed,
    "bad-camera": s.noticeBadCamera,
    malformed: s.noticeMalformed,
  };
  return templates[reason];
}

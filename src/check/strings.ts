/**
 * Strings of the "Check a sheet" page. `ar` must have exactly the keys of `en` (checked by its type).
 * The problems themselves are data:check's messages, in English, as the CLI prints them. Counts are written as
 * "label: n" so no sentence needs a plural form.
 */
export const CHECK_STRINGS_EN = {
  pageTitle: "Check a sheet · Incident Atlas",
  heading: "Check a sheet",
  intro:
    "Open the five CSV files of the incident sheet (incidents, claims, sources, actors, places), a folder holding them, or a zip of them. They are checked exactly as npm run data:check checks them.",
  privacy:
    "Everything happens in this browser tab: your files are not uploaded, not stored and not sent to any other site.",
  openFiles: "Open files…",
  openFolder: "Open a folder…",
  dropHere: "or drop the files, a folder or a zip here",
  dropLabel: "Drop the sheet files here",
  backToMap: "Back to the map",
  langSwitch: "العربية",
  langSwitchCode: "ar",
  langSwitchTitle: "Switch to Arabic",
  checking: "Checking the files ({count})…",
  failed: "The check could not run: {message}",
  noSheets:
    "None of these files is one of the five sheets (incidents.csv, claims.csv, sources.csv, actors.csv, places.csv).",
  read: "Read: {files}.",
  ignored: "Not read (another file of the same name was nearer the top): {files}.",
  summaryErrors:
    "Errors: {errors} · warnings: {warnings} · incidents: {incidents}. Nothing can be published until the errors are fixed.",
  summaryOk: "No errors. Incidents ready to publish: {incidents} · warnings: {warnings}.",
  problemsHeading: "Errors and warnings",
  fileHeading: "{file} · errors: {errors} · warnings: {warnings}",
  error: "Error",
  warning: "Warning",
  row: "Row {row}",
  wholeFile: "The whole file",
  column: "column {column}",
  value: "value {value}",
  showRow: "Show row {row}",
  rowTableLabel: "{file}, row {row}",
  cellColumn: "Column",
  cellValue: "Value in the sheet",
  noRowPreview: "This row could not be read back from the file.",
  publishHeading: "Ready to publish",
  downloadGeojson: "Download the GeoJSON (incidents.geojson)",
  downloadHint: "The same file npm run data:build writes to public/data/incidents.geojson.",
  previewHeading: "Preview of the map with this sheet",
  previewLoading: "Preparing the preview…",
} as const satisfies Record<string, string>;

export type CheckStrings = Record<keyof typeof CHECK_STRINGS_EN, string>;

export const CHECK_STRINGS_AR: CheckStrings = {
  pageTitle: "فحص الجدول · أطلس الحوادث",
  heading: "فحص الجدول",
  intro:
    "افتح ملفات CSV الخمسة لجدول الحوادث (الحوادث، الادعاءات، المصادر، الجهات، الأماكن)، أو مجلداً يضمها، أو ملف zip يحويها. تُفحص كما يفحصها الأمر npm run data:check تماماً.",
  privacy: "يجري كل شيء داخل هذا التبويب في متصفحك: لا تُرفع ملفاتك ولا تُخزَّن ولا تُرسل إلى أي موقع آخر.",
  openFiles: "فتح ملفات…",
  openFolder: "فتح مجلد…",
  dropHere: "أو أفلت الملفات أو المجلد أو ملف zip هنا",
  dropLabel: "أفلت ملفات الجدول هنا",
  backToMap: "العودة إلى الخريطة",
  langSwitch: "English",
  langSwitchCode: "en",
  langSwitchTitle: "التبديل إلى الإنجليزية",
  checking: "جارٍ فحص الملفات ({count})…",
  failed: "تعذّر إجراء الفحص: {message}",
  noSheets:
    "لا يوجد بين هذه الملفات أي من الجداول الخمسة (incidents.csv وclaims.csv وsources.csv وactors.csv وplaces.csv).",
  read: "قُرئ: {files}.",
  ignored: "لم يُقرأ (وُجد ملف بالاسم نفسه أقرب إلى أعلى المجلد): {files}.",
  summaryErrors:
    "الأخطاء: {errors} · التنبيهات: {warnings} · الحوادث: {incidents}. لا يمكن النشر قبل تصحيح الأخطاء.",
  summaryOk: "لا أخطاء. الحوادث الجاهزة للنشر: {incidents} · التنبيهات: {warnings}.",
  problemsHeading: "الأخطاء والتنبيهات",
  fileHeading: "{file} · الأخطاء: {errors} · التنبيهات: {warnings}",
  error: "خطأ",
  warning: "تنبيه",
  row: "الصف {row}",
  wholeFile: "الملف كله",
  column: "العمود {column}",
  value: "القيمة {value}",
  showRow: "عرض الصف {row}",
  rowTableLabel: "{file}، الصف {row}",
  cellColumn: "العمود",
  cellValue: "القيمة في الجدول",
  noRowPreview: "تعذّرت قراءة هذا الصف من الملف.",
  publishHeading: "جاهز للنشر",
  downloadGeojson: "تنزيل ملف GeoJSON (incidents.geojson)",
  downloadHint: "هو الملف نفسه الذي يكتبه الأمر npm run data:build في public/data/incidents.geojson.",
  previewHeading: "معاينة الخريطة بهذا الجدول",
  previewLoading: "جارٍ تحضير المعاينة…",
};

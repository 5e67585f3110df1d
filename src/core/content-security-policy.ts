// The page's Content Security Policy: one definition for the built page's <meta>, docs/deploy.md's header and the
// browser test that serves dist/ under it. Everything the app loads is its own (scripts, both workers, styles,
// fonts, the basemap, the data, and the page itself in the share dialog's embed preview); `img-src` also allows
// data: and blob: images. No 'unsafe-inline' anywhere: an injected <script> or <style> cannot run.

/** Directive → sources. `frame-ancestors` is left out: browsers ignore it in a <meta> (see CSP_HEADER). */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  "default-src": "'none'",
  "script-src": "'self'",
  "worker-src": "'self'",
  "connect-src": "'self'",
  "img-src": "'self' data: blob:",
  "style-src": "'self'",
  "font-src": "'self'",
  "frame-src": "'self'", // the share dialog previews the embed: this page in a frame
  "object-src": "'none'",
  "base-uri": "'none'",
  "form-action": "'none'",
};

/** The policy as the built page's <meta http-equiv="Content-Security-Policy"> carries it. */
export const CSP_META = Object.entries(CSP_DIRECTIVES)
  .map(([directive, sources]) => `${directive} ${sources}`)
  .join("; ");

/**
 * The policy as an HTTP header, which may also say who may frame the page: `*` keeps embeds working on any site
 * (narrow it to the sites that embed the map, e.g. `'self' https://news.example`).
 * @example cspHeader("'self' https://news.example")
 */
export function cspHeader(frameAncestors = "*"): string {
  return `${CSP_META}; frame-ancestors ${frameAncestors}`;
}

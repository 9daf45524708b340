// Feed HTML made safe to show: a strict allowlist of formatting tags, links that open
// outside and carry no referrer or ranking, images only over http(s). Everything active —
// scripts, styles, frames, plugins, SVG, MathML, forms, event handlers, style/class/id — is
// dropped. Relative URLs are resolved against the item's base so the HTML stands alone.

import { createRequire } from 'node:module';
import type sanitizeLib from 'sanitize-html';
import { resolveHttpUrl } from './url';

// Loaded at the first feed HTML, not at start-up: sanitize-html brings postcss along, ~0.1 s
// of every station start (and of each of the crash test's hundred starts) that a station
// reading only text never needs.
let lib: typeof sanitizeLib | null = null;
const sanitizer = (): typeof sanitizeLib => (lib ??= createRequire(import.meta.url)('sanitize-html') as typeof sanitizeLib);

const ALLOWED_TAGS = [
  'p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'blockquote', 'q', 'cite', 'code', 'pre',
  'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'img', 'figure', 'figcaption',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'span', 'sub', 'sup', 'small', 'abbr',
  // Not formatting, but dropping it would glue neighbouring blocks' text together.
  'div',
];

/** Layout containers become plain divs (no attributes survive on them). */
const AS_DIV = ['section', 'article', 'header', 'footer', 'aside', 'main', 'nav', 'center', 'dl', 'dt', 'dd', 'address'];

/** Disallowed tags whose content is not text a reader should see either. */
const DROP_WITH_CONTENT = [
  'script', 'style', 'textarea', 'option', 'select', 'button', 'xmp', 'noscript', 'template',
  'iframe', 'object', 'embed', 'applet', 'svg', 'math', 'head', 'title', 'frameset', 'noembed',
];

export function sanitizeHtml(html: string, baseUrl?: string | null): string {
  const base = baseUrl ?? null;
  const asDiv = Object.fromEntries(AS_DIV.map((t) => [t, 'div']));
  return sanitizer()(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href', 'title', 'rel', 'target'],
      img: ['src', 'alt', 'title', 'width', 'height', 'referrerpolicy'],
      abbr: ['title'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan', 'scope'],
    },
    allowedSchemes: ['http', 'https'],
    allowedSchemesByTag: { a: ['http', 'https', 'mailto'] },
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    allowedClasses: {},
    allowedStyles: {},
    parseStyleAttributes: false,
    disallowedTagsMode: 'discard',
    nonTextTags: DROP_WITH_CONTENT,
    enforceHtmlBoundary: false,
    transformTags: {
      ...asDiv,
      a: (_tag, attribs) => {
        const href = linkHref(attribs.href, base);
        const out: sanitizeLib.Attributes = { rel: 'noopener noreferrer nofollow', target: '_blank' };
        if (href) out.href = href;
        if (attribs.title) out.title = attribs.title;
        return { tagName: 'a', attribs: out };
      },
      img: (_tag, attribs) => {
        const src = resolveHttpUrl(attribs.src, base);
        const out: sanitizeLib.Attributes = { referrerpolicy: 'no-referrer' };
        if (src) out.src = src;
        for (const k of ['alt', 'title', 'width', 'height'] as const) if (attribs[k]) out[k] = attribs[k];
        return { tagName: 'img', attribs: out };
      },
    },
    // An image without a usable source is nothing to show.
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  }).trim();
}

function linkHref(raw: string | undefined, base: string | null): string | null {
  const s = raw?.trim();
  if (!s) return null;
  if (/^mailto:/i.test(s)) return s;
  return resolveHttpUrl(s, base);
}

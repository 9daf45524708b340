// Mention HTML is untrusted even though the engine sanitized it on the way in: sanitize
// again here, allowing only reading markup — no scripts, styles, forms, frames or remote
// images (an offline analyst's machine must not call out when a mention is opened).
import DOMPurify from 'dompurify';

const ALLOWED_TAGS = [
  'p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'blockquote', 'q', 'pre', 'code', 'ul', 'ol', 'li',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'span', 'div', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  'sub', 'sup', 'small', 'figure', 'figcaption',
];

export function sanitizeMentionHtml(html: string): string {
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href', 'title'],
    ALLOWED_URI_REGEXP: /^https?:/i,
  });
}

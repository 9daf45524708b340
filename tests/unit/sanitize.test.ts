// Feed HTML made safe to show: only formatting survives; links open outside, images only
// over http(s), and nothing can run.

import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../../electron/engine/sources/feed/sanitize';

const BASE = 'https://blog.example.com/posts/2024/';
const LINK = 'rel="noopener noreferrer nofollow" target="_blank"';

describe('sanitizeHtml', () => {
  it('keeps formatting, tables and figures', () => {
    const html =
      '<h2>Title</h2><p><b>b</b> <strong>s</strong> <i>i</i> <em>e</em> <u>u</u> <s>x</s> <code>c</code> <sub>1</sub><sup>2</sup> <small>sm</small> <abbr title="World Health Organization">WHO</abbr></p>' +
      '<blockquote><p>q</p></blockquote><pre>a\n  b</pre><ul><li>one</li></ul><ol><li>two</li></ol><hr>' +
      '<table><thead><tr><th colspan="2">h</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>' +
      '<figure><img src="https://img.example/a.png" alt="a"><figcaption>cap</figcaption></figure>';
    const out = sanitizeHtml(html);
    for (const tag of ['<h2>', '<b>', '<strong>', '<i>', '<em>', '<u>', '<s>', '<code>', '<sub>', '<sup>', '<small>', '<abbr title="World Health Organization">', '<blockquote>', '<pre>a\n  b</pre>', '<ul>', '<ol>', '<li>', '<hr />', '<th colspan="2">', '<td>', '<figure>', '<figcaption>']) {
      expect(out, tag).toContain(tag);
    }
  });

  it('drops scripts, styles, frames, plugins, SVG, MathML and forms with their content', () => {
    const out = sanitizeHtml(
      '<p>ok</p><script>alert(1)</script><style>p{}</style><iframe src="https://x"></iframe><object data="x.swf"></object><embed src="x.swf">' +
        '<svg><script>alert(2)</script><text>svg</text></svg><math><mi>x</mi></math><form action="https://x"><input name="p"><textarea>t</textarea><button>go</button></form><noscript>ns</noscript>',
    );
    expect(out).toBe('<p>ok</p>');
  });

  it('removes event handlers, style, class and id attributes', () => {
    const out = sanitizeHtml('<p onclick="x()" onmouseover="y()" style="color:red" class="c" id="i" data-x="1">text</p><span ONCLICK="z()">s</span>');
    expect(out).toBe('<p>text</p><span>s</span>');
  });

  it('keeps http(s) and mailto links, resolves relative ones, and marks them to open outside', () => {
    expect(sanitizeHtml('<a href="https://x.example/a" title="t">x</a>')).toBe(`<a ${LINK} href="https://x.example/a" title="t">x</a>`);
    expect(sanitizeHtml('<a href="../2023/old.html">old</a>', BASE)).toBe(`<a ${LINK} href="https://blog.example.com/posts/2023/old.html">old</a>`);
    expect(sanitizeHtml('<a href="mailto:desk@example.com">mail</a>')).toBe(`<a ${LINK} href="mailto:desk@example.com">mail</a>`);
    expect(sanitizeHtml('<a href="/relative">no base</a>')).toBe(`<a ${LINK}>no base</a>`);
  });

  it.each([
    'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'javascript&#58;alert(1)',
    '&#106;avascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'file:///etc/passwd',
  ])('drops the link target %j', (href) => {
    const out = sanitizeHtml(`<a href="${href}">x</a>`, BASE);
    expect(out).toBe(`<a ${LINK}>x</a>`);
  });

  it('keeps only http(s) images, resolved, without srcset, and sends no referrer', () => {
    expect(sanitizeHtml('<img src="img/a.png" srcset="javascript:alert(1) 1x, https://evil.example/b.png 2x" alt="a" onerror="x()">', BASE)).toBe(
      '<img referrerpolicy="no-referrer" src="https://blog.example.com/posts/2024/img/a.png" alt="a" />',
    );
    expect(sanitizeHtml('<img src="//cdn.example.com/a.png">', BASE)).toBe('<img referrerpolicy="no-referrer" src="https://cdn.example.com/a.png" />');
    expect(sanitizeHtml('<p><img src="data:image/png;base64,AAAA">x</p>')).toBe('<p>x</p>');
    expect(sanitizeHtml('<p><img src="javascript:alert(1)">x</p>')).toBe('<p>x</p>');
    expect(sanitizeHtml('<p><img>x</p>')).toBe('<p>x</p>');
  });

  it('unwraps Google redirect links', () => {
    expect(sanitizeHtml('<a href="https://www.google.com/url?rct=j&amp;url=https://news.example.com/a&amp;ct=ga">a</a>')).toBe(
      `<a ${LINK} href="https://news.example.com/a">a</a>`,
    );
  });

  it('turns layout containers into plain divs and keeps the text of unknown tags', () => {
    expect(sanitizeHtml('<section class="x"><article><font color="red">a</font></article></section><center>b</center>')).toBe(
      '<div><div>a</div></div><div>b</div>',
    );
  });

  it('escapes text so it cannot become markup', () => {
    expect(sanitizeHtml('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(sanitizeHtml('<p title="&quot;><script>alert(1)</script>">x</p>')).toBe('<p>x</p>');
  });
});

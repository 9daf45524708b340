import { readFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { resourcePath } from '../../electron/engine/paths';
import { deriveT2S, packT2S, unpackT2S } from '../../electron/engine/analysis/t2s-table';
import {
  extractHashtags,
  extractMentions,
  foldText,
  htmlToText,
} from '../../electron/engine/analysis/normalize';

describe('htmlToText', () => {
  it('a feed item body becomes readable plain text', () => {
    const html =
      '<div><p>極光電信&nbsp;宣布 <b>停機</b>維修&hellip;</p>\n<script>track()</script>' +
      '<style>p{color:red}</style><p>AT&amp;T &#x53F0;&#31309;&#38651; &eacute;t&eacute;<br/>第二行</p></div>';
    expect(htmlToText(html)).toBe('極光電信 宣布 停機維修…\nAT&T 台積電 été\n第二行');
  });

  it('source newlines inside HTML are spaces; block elements are line breaks', () => {
    expect(htmlToText('<p>one\n  two</p><ul><li>a</li><li>b</li></ul>')).toBe('one two\na\nb');
  });

  it('keeps Weibo emoticons (img alt) but not photo captions', () => {
    expect(htmlToText('太好了<img alt="[哈哈]" src="f.png"><img alt="a photo of a cat" src="c.jpg">')).toBe(
      '太好了[哈哈]',
    );
  });

  it('plain text keeps its own lines, trimmed and collapsed', () => {
    expect(htmlToText('  first   line\r\n\r\n\tsecond ')).toBe('first line\nsecond');
  });
});

describe('foldText', () => {
  it('full-width ＴＳＭＣ folds to tsmc', () => {
    expect(foldText('ＴＳＭＣ　股價')).toBe('tsmc 股价');
  });

  it('Traditional and Simplified fold to the same string', () => {
    expect(foldText('台積電 發展 後來 臺灣')).toBe(foldText('台积电 发展 后来 台湾'));
    expect(foldText('台積電')).toBe('台积电');
  });

  it('is idempotent', () => {
    const s = 'Ａurora 極光電信 乾隆 著作 裏面 髮';
    expect(foldText(foldText(s))).toBe(foldText(s));
  });

  it('drops zero-width characters used to dodge keyword filters', () => {
    expect(foldText('台\u200b積\u200d電')).toBe('台积电');
  });
});

describe('extractHashtags', () => {
  it('finds #tags and Weibo #话题#, folded and deduplicated', () => {
    expect(extractHashtags('#台積電# 今天大漲 #TSMC #tsmc，#AuroraMobile! 我在#半導體#里')).toEqual([
      '台积电',
      'tsmc',
      'auroramobile',
      '半导体',
    ]);
  });

  it('a Weibo topic may hold spaces; mixed styles on one line do not pair up wrongly', () => {
    expect(extractHashtags('#iPhone 16 發表# 好')).toEqual(['iphone 16 发表']);
    expect(extractHashtags('#a #b 我在#话题#里')).toEqual(['a', 'b', '话题']);
  });

  it('C#, issue#12 and #1 are not hashtags; full-width ＃ is', () => {
    expect(extractHashtags('C# and issue#12 and #1 ＃全形')).toEqual(['全形']);
  });
});

describe('extractMentions', () => {
  it('finds @handles, Mastodon @user@instance and Weibo 转发//@名字, not e-mail addresses', () => {
    expect(extractMentions('转发//@老王:cc @Alice, @bob@mastodon.social. mail x@y.com @人民日報 說')).toEqual([
      '老王',
      'alice',
      'bob@mastodon.social',
      '人民日报',
    ]);
  });
});

describe('the Traditional → Simplified table shipped in resources/lexicons/t2s.json', () => {
  it('is the one opencc-js gives today (after an opencc-js upgrade: npx tsx scripts/build-t2s.ts)', () => {
    const shipped = JSON.parse(readFileSync(resourcePath('lexicons', 't2s.json'), 'utf8')) as { pairs: string };
    const derived = packT2S(deriveT2S(OpenCC.Converter({ from: 'tw', to: 'cn' })));
    expect(shipped.pairs.length).toBeGreaterThan(2000 * 2);
    expect(shipped.pairs === derived, 'the shipped table differs from the derivation').toBe(true);
    // Loaded back, it folds as the derivation does.
    const table = unpackT2S(shipped.pairs);
    expect(String.fromCharCode(table['臺'.charCodeAt(0)]!, table['灣'.charCodeAt(0)]!)).toBe('台湾');
    expect(foldText('極光電信 斷訊')).toBe('极光电信 断讯');
  });
});

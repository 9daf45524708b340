import { describe, expect, it } from 'vitest';
import { detectLang } from '../../electron/engine/analysis/lang';

describe('detectLang: which language and script a mention is in', () => {
  it('tells Traditional from Simplified by characters only one script uses', () => {
    expect(detectLang('這家餐廳的服務真的很讚，下次還會再來')).toBe('zh-Hant');
    expect(detectLang('这家餐厅的服务真的很赞，下次还会再来')).toBe('zh-Hans');
    expect(detectLang('台灣')).toBe('zh-Hant');
    expect(detectLang('台湾')).toBe('zh-Hans');
  });

  it('does not let characters shared by both scripts (台 后 里 准) tip the balance', () => {
    expect(detectLang('皇后在台北的公园里')).toBe('zh-Hans'); // only 园 decides
    expect(detectLang('皇后在台北的公園里')).toBe('zh-Hant'); // only 園 decides
    expect(detectLang('準時到，皇后區的後面')).toBe('zh-Hant');
  });

  it('reads a PTT push line or bopomofo as Taiwanese when no character decides', () => {
    expect(detectLang('推 abc: 好吃')).toBe('zh-Hant');
    expect(detectLang('好ㄘ')).toBe('zh-Hant');
  });

  it('keeps Chinese posts with English product names as Chinese', () => {
    expect(detectLang('我的 iPhone 15 Pro 電池很爛')).toBe('zh-Hant');
    expect(detectLang('今天的 meeting 改到下午')).toBe('zh-Hans');
  });

  it('recognises English, and calls other languages and scripts "other"', () => {
    expect(detectLang('The battery died after two days.')).toBe('en');
    expect(detectLang('lol')).toBe('en');
    expect(detectLang('これは日本語の文章です')).toBe('other');
    expect(detectLang('이 제품 정말 좋아요')).toBe('other');
    expect(detectLang('อาหารอร่อยมาก')).toBe('other');
    expect(detectLang('Привет, как дела?')).toBe('other');
    expect(detectLang('Le service était très lent et le plat était froid')).toBe('other');
    expect(detectLang('Das Essen ist nicht gut und der Service ist langsam')).toBe('other');
    expect(detectLang('👍👍')).toBe('other');
    expect(detectLang('')).toBe('other');
  });
});

// The renderer's small rules, without a browser: the wall's keys, Explore's filter, and api
// errors said in the reader's language (never the engine's English inside a Chinese sentence).
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode, type ErrorParams } from '../../shared/errors';
import { wallAction, SHORTCUTS, type KeyPress } from '../../renderer/src/lib/shortcuts';
import { mentionFilter, NO_FILTER } from '../../renderer/src/lib/explore';
import { ERROR_SENTENCES } from '../../renderer/src/i18n/errors';
import { zhHant } from '../../renderer/src/i18n/zh-Hant';

const key = (k: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('the wall keyboard', () => {
  it('does what the help says', () => {
    expect(wallAction(key('f'), false)).toBe('freeze');
    expect(wallAction(key('F', { shiftKey: true }), false)).toBe('fullscreen');
    expect(wallAction(key('P'), false)).toBe('presenter');
    expect(wallAction(key('PageDown'), false)).toBe('next');
    expect(wallAction(key('ArrowLeft'), false)).toBe('prev');
    expect(wallAction(key('?'), false)).toBe('help');
    expect(wallAction(key('Escape'), false)).toBe('close');
    for (const s of SHORTCUTS) expect(zhHant[s.label]).toBeTruthy();
  });

  it('leaves browser shortcuts alone, and while editing answers only E and Esc', () => {
    expect(wallAction(key('f', { ctrlKey: true }), false)).toBeNull();
    expect(wallAction(key('r', { metaKey: true }), false)).toBeNull();
    expect(wallAction(key('f'), true)).toBeNull();
    expect(wallAction(key('ArrowRight'), true)).toBeNull();
    expect(wallAction(key('e'), true)).toBe('editor');
    expect(wallAction(key('Escape'), true)).toBe('close');
  });
});

describe("Explore's filter", () => {
  const now = Date.UTC(2026, 11, 1, 12, 0);

  it('sends only what the analyst set', () => {
    expect(mentionFilter(NO_FILTER, now)).toEqual({});
    expect(mentionFilter({ ...NO_FILTER, q: '罷工', topicId: 3, label: 'negative' }, now)).toEqual({ q: '罷工', topicId: 3, label: 'negative' });
  });

  it('turns "last 24 hours" into a start a day before the station\'s now', () => {
    expect(mentionFilter({ ...NO_FILTER, range: '24h' }, now)).toEqual({ from: now - 86_400_000 });
  });

  it('ignores an unfinished custom range instead of sending a bad date', () => {
    expect(mentionFilter({ ...NO_FILTER, range: 'custom', customFrom: '', customTo: 'not a date' }, now)).toEqual({});
  });
});

describe('api errors in the reader\'s language', () => {
  const samples: { [C in ErrorCode]: ErrorParams[C] } = {
    'not-found': { what: 'topic', id: 7 },
    'unknown-method': { method: 'topics.frobnicate' },
    forbidden: { method: 'topics.save' },
    'bad-params': { method: 'sources.add', issues: [{ path: 'config.url', message: 'must be a full http(s) URL' }] },
    'bad-query': { problem: 'unclosed quote', position: 4, issues: [] },
    conflict: { what: 'source', name: '聯合新聞網' },
    'bad-config': { issues: [{ path: 'url', message: 'Required' }] },
    'not-polled': { kind: 'webhook' },
    'source-failed': { detail: 'HTTP 404 Not Found' },
    archived: { id: 12, month: '2026-01' },
    storage: { problem: 'full', dataDir: '/data' },
    unauthorized: {},
    'method-not-allowed': { method: 'GET' },
    'body-too-large': { limitBytes: 1_000_000 },
    'bad-json': { detail: 'Unexpected token' },
    'bad-body': { detail: 'bad gzip' },
    'bad-host': { host: 'evil.example' },
    'bad-origin': { origin: 'https://evil.example' },
    'bad-path': {},
    internal: { detail: 'TypeError: x is undefined' },
    network: { detail: 'Failed to fetch' },
  };

  it('has a sentence for every code in every language', () => {
    for (const locale of ['zh-Hant', 'zh-Hans', 'en'] as const)
      for (const code of ERROR_CODES) {
        const say = ERROR_SENTENCES[locale][code] as (p: unknown) => string;
        expect(say(samples[code]), `${locale} ${code}`).toMatch(/\S/);
      }
  });

  it('still reads right when an older station sends a code without its params', () => {
    for (const locale of ['zh-Hant', 'zh-Hans', 'en'] as const)
      for (const code of ERROR_CODES) {
        const said = (ERROR_SENTENCES[locale][code] as (p: unknown) => string)({});
        expect(said, `${locale} ${code}`).not.toMatch(/undefined|NaN|\[object/);
      }
  });

  it('says a missing topic and a full disk in Chinese, without the engine\'s English words', () => {
    expect(ERROR_SENTENCES['zh-Hant']['not-found'](samples['not-found'])).toBe('主題 7 不存在（可能已被刪除）');
    expect(ERROR_SENTENCES['zh-Hans'].storage(samples.storage)).toContain('磁盘已满');
    for (const code of ERROR_CODES) {
      const said = (ERROR_SENTENCES['zh-Hant'][code] as (p: unknown) => string)(samples[code]);
      // Field paths and proper names may be Latin; the engine's sentences and details never are.
      for (const english of ['does not exist', 'HTTP 404', 'TypeError', 'Failed to fetch', 'must be', 'Unexpected token'])
        expect(said, code).not.toContain(english);
    }
  });
});

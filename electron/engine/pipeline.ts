// The pipeline: normalize → dedupe key → language → topics → sentiment/emotions, turning what
// a source found into rows ready for one transaction. Pure apart from the analyzers it holds.
import { hash } from 'node:crypto';
import type { Lang, Topic } from '../../shared/types';
import { detectLang } from './analysis/lang';
import { foldText, htmlToText } from './analysis/normalize';
import { compileTopics, type TopicMatcher } from './analysis/query';
import { createAnalyzer, type Analyzer } from './analysis/sentiment';
import type { NewMention } from './store';
import type { IncomingItem } from './sources/types';

const MAX_TEXT = 20_000;
const MAX_TITLE = 1_000;
/** A publish time further ahead than this is a source's clock error: use the fetch time. */
const FUTURE_SLACK_MS = 5 * 60_000;
const LABEL = { negative: -1, neutral: 0, positive: 1 } as const;

/**
 * Trimmed, cut to `max` UTF-16 units and well-formed: a lone surrogate (from a source, or from
 * the cut falling inside a pair) becomes U+FFFD, so SQLite only ever stores valid UTF-8.
 */
function clip(s: string | null | undefined, max: number): string | null {
  if (s == null) return null;
  const t = s.trim();
  return t ? wellFormed(t.length > max ? t.slice(0, max) : t) : null;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SURROGATE = /[\uD800-\uDFFF]/;
// Nearly every text has no surrogate at all; looking for one is far cheaper than the lookarounds.
const wellFormed = (s: string): string => (SURROGATE.test(s) ? s.replace(LONE_SURROGATE, '\uFFFD') : s);

/** What prepare did beyond turning items into rows, for the answer to a push or an import. */
export interface PrepareStats {
  /** Texts longer than the stored limit, cut to it. */
  clipped: number;
  /** When given, the index in `items` of each row returned (items without text are dropped). */
  from?: number[];
}

export class Pipeline {
  private matcher: TopicMatcher;

  constructor(
    topics: Topic[],
    private analyzer: Analyzer = createAnalyzer(),
  ) {
    this.matcher = compileTopics(topics);
  }

  setTopics(topics: Topic[]): void {
    this.matcher = compileTopics(topics);
  }

  setAnalyzer(analyzer: Analyzer): void {
    this.analyzer = analyzer;
  }

  /** Items without any text or title are dropped; everything else becomes a row. */
  prepare(sourceId: number, sourceName: string, items: IncomingItem[], now: number, stats?: PrepareStats): NewMention[] {
    const out: NewMention[] = [];
    for (let i = 0; i < items.length; i++) {
      const it = items[i]!;
      const title = clip(it.title ? htmlToText(it.title) : null, MAX_TITLE);
      const fullText = it.text ?? (it.html ? htmlToText(it.html) : '');
      if (stats && fullText.trim().length > MAX_TEXT) stats.clipped++;
      const text = clip(fullText, MAX_TEXT) ?? '';
      if (!text && !title) continue;
      const whole = title && text ? `${title}\n${text}` : (title ?? text);
      const folded = foldText(whole);
      const lang: Lang = detectLang(whole);
      const s = this.analyzer.analyze(whole, lang);
      let publishedAt = it.publishedAt ?? now;
      if (!Number.isFinite(publishedAt) || publishedAt > now + FUTURE_SLACK_MS) publishedAt = now;
      const author = clip(it.author, 200);
      stats?.from?.push(i);
      out.push({
        sourceId,
        guid: wellFormed(it.guid.slice(0, 1000)),
        // Long enough texts are keyed by content, so a story syndicated by several sources is
        // stored once; short ones ("推", "+1") would collide, so they are keyed by identity.
        contentHash: hash('sha1', folded.length >= 24 && !it.identityKey ? folded : `${sourceId}\u0000${it.guid}`, 'hex'),
        url: it.url && /^https?:\/\//i.test(it.url) ? wellFormed(it.url.slice(0, 2000)) : null,
        title,
        text,
        html: it.html == null ? null : wellFormed(it.html),
        author,
        lang,
        // Before 1970 is a negative time, and a real one (archives, history).
        publishedAt: Math.round(publishedAt),
        fetchedAt: now,
        sentiment: s.score,
        label: LABEL[s.label],
        emotions: s.emotions,
        reach: Math.max(0, Math.round(it.reach ?? 0)),
        tags: (it.tags ?? []).map(wellFormed),
        topicIds: this.matcher.match({ text: whole, foldedText: folded, title, author, lang, source: sourceName, tags: it.tags ?? [] }),
      });
    }
    return out;
  }

  /**
   * The topic links of rows prepared before the topics last changed, again by the topics now
   * (a file's batch analysed on another thread while a topic was saved). What prepare would
   * have linked had it run now: the same text, folded alike.
   */
  relink(rows: NewMention[], sourceName: string): void {
    for (const r of rows) {
      const whole = r.title && r.text ? `${r.title}\n${r.text}` : (r.title ?? r.text);
      r.topicIds = this.matcher.match({ text: whole, foldedText: foldText(whole), title: r.title, author: r.author, lang: r.lang, source: sourceName, tags: r.tags });
    }
  }
}

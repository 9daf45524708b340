// Column headers of the files a person exports (mentions as CSV/XLSX, the alert log as CSV),
// in the language of the screen that asked. Without a language the stable machine keys are
// kept, for scripts and the cli.
import { z } from 'zod';

export const EXPORT_LANGS = ['zh-Hant', 'zh-Hans', 'en'] as const;
export type ExportLang = (typeof EXPORT_LANGS)[number];
export const exportLang = z.enum(EXPORT_LANGS).optional().describe("the reader's language for column headers");

export const MENTION_COLUMNS = [
  'id', 'published_at', 'source', 'author', 'lang', 'label', 'corrected', 'sentiment', 'reach', 'topics', 'tags', 'title', 'text', 'url',
] as const;

export const ALERT_COLUMNS = [
  'id', 'at', 'light', 'scope', 'metric', 'from', 'to', 'severity', 'value', 'baseline', 'volume', 'negative_share', 'reason', 'notified', 'acknowledged_at', 'note',
] as const;

type Column = (typeof MENTION_COLUMNS)[number] | (typeof ALERT_COLUMNS)[number];

const WORDS: Record<ExportLang, Record<Column, string>> = {
  'zh-Hant': {
    id: '編號', published_at: '發布時間', source: '來源', author: '作者', lang: '語言', label: '情緒',
    corrected: '人工修正', sentiment: '情緒分數', reach: '觸及', topics: '主題', tags: '標籤', title: '標題',
    text: '內文', url: '連結', at: '時間', light: '燈號', scope: '範圍', metric: '指標', from: '原燈色',
    to: '新燈色', severity: '嚴重度', value: '數值', baseline: '基準', volume: '聲量',
    negative_share: '負評比例', reason: '原因', notified: '已通知', acknowledged_at: '確認時間', note: '備註',
  },
  'zh-Hans': {
    id: '编号', published_at: '发布时间', source: '来源', author: '作者', lang: '语言', label: '情绪',
    corrected: '人工修正', sentiment: '情绪分数', reach: '触达', topics: '主题', tags: '标签', title: '标题',
    text: '正文', url: '链接', at: '时间', light: '灯号', scope: '范围', metric: '指标', from: '原灯色',
    to: '新灯色', severity: '严重度', value: '数值', baseline: '基准', volume: '声量',
    negative_share: '负面比例', reason: '原因', notified: '已通知', acknowledged_at: '确认时间', note: '备注',
  },
  en: {
    id: 'ID', published_at: 'Published', source: 'Source', author: 'Author', lang: 'Language', label: 'Sentiment',
    corrected: 'Corrected by hand', sentiment: 'Sentiment score', reach: 'Reach', topics: 'Topics', tags: 'Tags',
    title: 'Title', text: 'Text', url: 'Link', at: 'Time', light: 'Light', scope: 'Scope', metric: 'Metric',
    from: 'From', to: 'To', severity: 'Severity', value: 'Value', baseline: 'Baseline', volume: 'Volume',
    negative_share: 'Negative share', reason: 'Reason', notified: 'Notified', acknowledged_at: 'Acknowledged', note: 'Note',
  },
};

/** The header row for these columns: the reader's words, or the machine keys without a language. */
export function exportHeader(columns: readonly Column[], lang?: ExportLang): string[] {
  return columns.map((c) => (lang ? WORDS[lang][c] : c));
}

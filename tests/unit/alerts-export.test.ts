// The alert log as a file an analyst opens in a spreadsheet.
import { describe, expect, it } from 'vitest';
import { alertsCsv, csvCell } from '../../electron/engine/alerts/export';
import type { Alert } from '../../shared/types';

const alert: Alert = {
  id: 7,
  ruleId: 1,
  topicId: 1,
  topicName: '極光電信',
  at: Date.UTC(2026, 1, 13, 6, 5),
  from: 'yellow',
  to: 'red',
  reason: 'negative 72% of 130 ≥ 60%',
  volume: 130,
  negShare: 0.7231,
  acknowledgedAt: null,
  note: null,
  label: '極光電信',
  scope: 'topic',
  scopeId: 1,
  metric: 'neg_share',
  value: 0.723,
  baseline: null,
  severity: 'critical',
  notify: true,
  evidence: { from: 0, to: 0, mostNegative: [], mostReached: [] },
};

describe('the alert log as CSV', () => {
  it('starts with a BOM so a spreadsheet reads the Chinese, and has one row per alert', () => {
    const csv = alertsCsv([alert]);
    expect(csv.startsWith('\uFEFFid,at,light,')).toBe(true);
    const row = csv.split('\r\n')[1]!;
    expect(row).toBe('7,2026-02-13T06:05:00.000Z,極光電信,topic,neg_share,yellow,red,critical,0.723,,130,0.723,negative 72% of 130 ≥ 60%,true,,');
  });

  it('speaks the reader\'s language in its header row when asked, and keeps the machine keys otherwise', () => {
    expect(alertsCsv([alert], 'zh-Hant').split('\r\n')[0]).toBe(
      '\uFEFF編號,時間,燈號,範圍,指標,原燈色,新燈色,嚴重度,數值,基準,聲量,負評比例,原因,已通知,確認時間,備註',
    );
    expect(alertsCsv([alert], 'zh-Hans').split('\r\n')[0]).toContain('负面比例');
    expect(alertsCsv([alert], 'en').split('\r\n')[0]).toContain('Negative share');
    // The rows themselves do not change with the language.
    expect(alertsCsv([alert], 'zh-Hant').split('\r\n')[1]).toBe(alertsCsv([alert]).split('\r\n')[1]);
  });

  it('quotes commas, quotes and line breaks, and defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('=cmd|calc')).toBe("'=cmd|calc");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell(null)).toBe('');
  });
});

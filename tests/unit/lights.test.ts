import { describe, expect, it } from 'vitest';
import { evaluateRule } from '../../electron/engine/alerts/lights';
import type { LightRule } from '../../shared/types';

const NOW = Date.UTC(2026, 10, 25, 6, 30);
const minute = Math.floor(NOW / 60_000);

const rule: LightRule = {
  id: 1,
  topicId: 1,
  name: '',
  windowMin: 10,
  volumeYellow: 40,
  volumeRed: 80,
  negShareYellow: 0.45,
  negShareRed: 0.6,
  minVolume: 8,
  staleAfterMin: 30,
  enabled: true,
};

const metrics = (count: number, neg: number, pos = 0, newestMinute: number | null = minute) => ({
  count,
  neg,
  pos,
  sentSum: 0,
  newestMinute,
});

describe('a crowd light', () => {
  it('is green for ordinary traffic', () => {
    expect(evaluateRule(rule, metrics(12, 3, 5), NOW).color).toBe('green');
  });

  it('turns yellow when the negative share passes the yellow line, and says why', () => {
    const e = evaluateRule(rule, metrics(20, 10), NOW);
    expect(e.color).toBe('yellow');
    expect(e.reason).toMatch(/negative 50% of 20/);
  });

  it('turns red on a negative burst', () => {
    expect(evaluateRule(rule, metrics(30, 21), NOW).color).toBe('red');
  });

  it('turns red on sheer volume even when the tone is mixed', () => {
    expect(evaluateRule(rule, metrics(90, 10, 40), NOW).color).toBe('red');
  });

  it('does not count 2 negatives of 3 as a crisis: negative share needs a minimum volume', () => {
    expect(evaluateRule(rule, metrics(3, 2), NOW).color).toBe('green');
  });

  it('is gray when no mention arrived for longer than the stale limit, whatever the last numbers were', () => {
    const e = evaluateRule(rule, metrics(0, 0, 0, minute - 45), NOW);
    expect(e.color).toBe('gray');
    expect(e.reason).toMatch(/no new mentions for over 30 min/);
  });

  it('is gray before any data at all', () => {
    expect(evaluateRule(rule, metrics(0, 0, 0, null), NOW)).toMatchObject({ color: 'gray', reason: 'no data yet' });
  });
});

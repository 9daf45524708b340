import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { api } from '../../shared/api';
import { apiHandlers } from '../../electron/engine/api';
import { API_DOC, renderApiDoc } from '../../scripts/api-docs';

describe('the api contract', () => {
  it('has exactly one engine handler for every declared method', () => {
    expect(Object.keys(apiHandlers).sort()).toEqual(Object.keys(api).sort());
  });

  it('is documented truthfully: docs/api.md is what the contract generates', () => {
    expect(fs.readFileSync(API_DOC, 'utf8')).toBe(renderApiDoc());
  });
});

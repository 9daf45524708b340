// Generates docs/api.md from the contract in shared/api.ts, so the document cannot drift from
// the code: `npx tsx scripts/api-docs.ts` writes it; a unit test fails when it is out of date.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { api, EVENT_DOCS, type MethodName } from '../shared/api';
import { ERROR_CODES, ERROR_STATUS } from '../shared/errors';

export const API_DOC = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'api.md');

export function renderApiDoc(): string {
  const out: string[] = [
    '# Fenghuo station api',
    '',
    '<!-- Generated from shared/api.ts by `npx tsx scripts/api-docs.ts`. Do not edit by hand. -->',
    '',
    'Every method is `POST /api/<method>` with a JSON body (the params) and answers JSON.',
    'Authenticate with `Authorization: Bearer <token>`, or open the station in a browser as',
    '`http://HOST:PORT/?token=<token>` (the token becomes an HttpOnly cookie and leaves the address bar).',
    'Admin tokens may call everything; viewer tokens the methods marked *viewer* or *public*; public',
    'tokens (for a public crowd-lights page, /public/places) only those marked *public*, and their',
    'event stream carries places, the clock and the station\'s name, nothing else.',
    '',
    'Errors answer with an HTTP status and `{"error":{"code","params","message","issues?"}}`: a stable',
    '`code`, its `params` (what a screen needs to say it in the reader\'s language), the English',
    '`message` for logs, and for bad params `issues` naming each field and the reason. The codes',
    '(shared/errors.ts), each with its HTTP status:',
    '',
    ...ERROR_CODES.map((c) => `- \`${c}\` (${ERROR_STATUS[c] || 'client-side'})`),
    '',
    '`GET /healthz` needs no token and answers `{"ok":true,...}`. Live events arrive on one',
    'WebSocket at `/events` (same token rules).',
    '',
    '## Methods',
    '',
  ];
  for (const name of Object.keys(api).sort() as MethodName[]) {
    const def = api[name];
    out.push(`### \`${name}\` — ${def.role}`, '', def.doc, '');
    const { $schema: _, ...schema } = z.toJSONSchema(def.params, { io: 'input', unrepresentable: 'any' });
    out.push('Params (JSON Schema):', '', '```json', JSON.stringify(schema, null, 2), '```', '');
  }
  out.push('## Events on `/events`', '', 'Each WebSocket message is one JSON object with a `type`:', '');
  for (const [type, doc] of Object.entries(EVENT_DOCS)) out.push(`- \`${type}\`: ${doc}`);
  out.push('', 'Result and event shapes are the TypeScript types in `shared/api/` (one file per method prefix) and `shared/types.ts`.', '');
  return out.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.mkdirSync(path.dirname(API_DOC), { recursive: true });
  fs.writeFileSync(API_DOC, renderApiDoc());
  console.log(`wrote ${API_DOC}`);
}

// `fenghuo classify [--topics topics.json]`: JSON lines in ({"id":…,"text":…}), the same
// objects out with lang, sentiment {score, label}, emotions and, given a topics file (a JSON
// array of {name, query}), the names of the topics each text matches. A bad line is reported
// on stderr with its line number and skipped; the exit code is non-zero at the end.

import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Lang } from '../../shared/types';
import { LANGS } from '../../shared/types';
import { compileTopicsWithErrors } from '../engine/analysis/query';
import type { TopicMatcher } from '../engine/analysis/query';
import { createAnalyzer } from '../engine/analysis/sentiment';

function loadTopics(file: string): { matcher: TopicMatcher; names: Map<number, string> } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`topics file ${file}: ${(e as Error).message}`);
  }
  if (!Array.isArray(raw)) throw new Error(`topics file ${file}: expected a JSON array of {name, query}`);
  const topics = raw.map((t: unknown, i) => {
    const o = t as { name?: unknown; query?: unknown };
    if (typeof o?.name !== 'string' || typeof o.query !== 'string') {
      throw new Error(`topics file ${file}: item ${i + 1} needs string "name" and "query"`);
    }
    return { id: i + 1, name: o.name, query: o.query };
  });
  const { matcher, errors } = compileTopicsWithErrors(topics);
  for (const { topicId, error } of errors) {
    throw new Error(`topics file ${file}: topic "${topics[topicId - 1]!.name}": ${error.message}`);
  }
  return { matcher, names: new Map(topics.map((t) => [t.id, t.name])) };
}

export async function runClassify(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  opts: { topicsFile?: string },
): Promise<void> {
  const topics = opts.topicsFile ? loadTopics(opts.topicsFile) : null;
  const analyzer = createAnalyzer();
  const rl = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let bad = 0;
  for await (const line of rl) {
    lineNo++;
    if (!line.trim()) continue;
    let o: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(line);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
      o = parsed as Record<string, unknown>;
      if (typeof o.text !== 'string') throw new Error('"text" must be a string');
    } catch (e) {
      bad++;
      process.stderr.write(`line ${lineNo}: ${(e as Error).message}\n`);
      continue;
    }
    const text = o.text as string;
    const given = (LANGS as readonly string[]).includes(String(o.lang)) ? (o.lang as Lang) : undefined;
    const r = analyzer.analyze(text, given);
    const out: Record<string, unknown> = {
      ...o,
      lang: r.lang,
      sentiment: { score: r.score, label: r.label },
      emotions: r.emotions,
    };
    if (topics) {
      const ids = topics.matcher.match({
        text,
        title: typeof o.title === 'string' ? o.title : null,
        author: typeof o.author === 'string' ? o.author : null,
        source: typeof o.source === 'string' ? o.source : null,
        lang: r.lang,
        tags: Array.isArray(o.tags) ? o.tags.filter((t): t is string => typeof t === 'string') : undefined,
      });
      out.topics = ids.map((id) => topics.names.get(id)!);
    }
    if (!output.write(JSON.stringify(out) + '\n')) await new Promise<void>((res) => output.once('drain', () => res()));
  }
  if (bad > 0) {
    process.stderr.write(`${bad} bad line${bad === 1 ? '' : 's'} skipped\n`);
    process.exitCode = 1;
  }
}

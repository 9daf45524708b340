// `fenghuo topics add|list|preview`: a station's topics from a terminal, for stations run with
// `fenghuo serve`. The same api as the topics room: a query is checked (its error pointed at),
// previewed on the last days of stored mentions, and history is re-tagged when one is added.
import { parseArgs } from 'node:util';
import { ApiError } from '../../shared/errors';
import { retagInStretches } from '../../shared/retag';
import { connect, describeError, pointAt, STATION_OPTIONS, STATION_USAGE } from './station-client';

export const TOPICS_USAGE = `fenghuo topics list|add|preview [options]
  list                                  every topic: id, name, colour, query
  add --name N --query Q [--color #hex] [--no-retag]
                                        add a topic and re-tag the stored history with it
  preview --query Q [--days N]          how many stored mentions of the last N days (7) match, with samples
${STATION_USAGE}`;

type Io = { out: NodeJS.WritableStream; err: NodeJS.WritableStream };

export async function runTopics(argv: string[], io: Io = { out: process.stdout, err: process.stderr }): Promise<number> {
  const [sub, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      ...STATION_OPTIONS,
      name: { type: 'string' },
      query: { type: 'string' },
      color: { type: 'string' },
      days: { type: 'string', default: '7' },
      'no-retag': { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (sub !== 'list' && sub !== 'add' && sub !== 'preview') {
    io.err.write(`usage: ${TOPICS_USAGE}\n`);
    return 2;
  }
  if ((sub === 'add' && (!values.name || !values.query)) || (sub === 'preview' && !values.query)) {
    io.err.write(`topics ${sub}: ${sub === 'add' ? '--name and --query are' : '--query is'} required\n\nusage: ${TOPICS_USAGE}\n`);
    return 2;
  }
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 90) {
    io.err.write('topics preview: --days must be a whole number of days from 1 to 90\n');
    return 2;
  }
  const { client, close } = connect(values);
  const print = (x: unknown, lines: () => string[]) => io.out.write(values.json ? JSON.stringify(x, null, 2) + '\n' : lines().join('\n') + '\n');
  try {
    if (sub === 'list') {
      const topics = await client.call('topics.list', {});
      print(topics, () => (topics.length ? topics.map((t) => `${String(t.id).padStart(4)}  ${t.name}  ${t.color}  ${t.query}`) : ['no topics yet: fenghuo topics add --name N --query Q']));
    } else if (sub === 'preview') {
      const p = await client.call('topics.preview', { query: values.query!, days });
      print(p, () => [
        `${p.matched} of ${p.scanned} stored mentions of the last ${p.days} days match`,
        ...p.examples.map((m) => `  [${m.lang}] ${m.sourceName}: ${(m.title ? `${m.title} — ${m.text}` : m.text).replace(/\s+/g, ' ').slice(0, 120)}`),
      ]);
    } else {
      const topic = await client.call('topics.save', { topic: { name: values.name!, query: values.query!, ...(values.color ? { color: values.color } : {}) } });
      // Stretch by stretch as the topic form does, each said on stderr as it ends (at ten
      // million mentions all of history takes about a minute).
      const tagged = values['no-retag']
        ? null
        : await retagInStretches(topic.id, (p) => client.call('topics.retag', p), {
            onDone: (_i, days, r) => io.err.write(`re-tagged ${days ? `back to ${days} day${days > 1 ? 's' : ''} ago` : 'the rest of history'}: ${r.tagged} of ${r.scanned} match\n`),
          });
      print({ topic, retag: tagged }, () => [
        `added topic ${topic.id} "${topic.name}"`,
        ...(tagged ? [`re-tagged history: ${tagged.tagged} of ${tagged.scanned} stored mentions match`] : []),
      ]);
    }
    return 0;
  } catch (e) {
    io.err.write(`topics ${sub}: ${describeError(e)}\n`);
    if (e instanceof ApiError && e.code === 'bad-query') {
      io.err.write(pointAt(values.query!, (e.params as { position: number }).position) + '\n');
    }
    return 1;
  } finally {
    await close();
  }
}

// The analysis thread of a bulk ingest (core/prepare-pool.ts): the same Pipeline as the
// station's own, fed the same topics and learned model, turning items into rows while the
// station's thread writes the rows before them. Pure: it reads no file but the shipped
// lexicon and models, and writes nothing.
import { parentPort } from 'node:worker_threads';
import { createAnalyzer } from '../analysis/sentiment';
import { Pipeline } from '../pipeline';
import type { PrepareReply, PrepareRequest } from './prepare-pool';

const port = parentPort;
if (!port) throw new Error('prepare-worker runs as a worker thread');

let pipeline: Pipeline | null = null;

port.on('message', (m: PrepareRequest) => {
  if (m.t === 'config') {
    // Topics change often (a topic saved); the analyzer only with a new learned model.
    if (!pipeline || m.learned !== undefined) pipeline = new Pipeline(m.topics, createAnalyzer({ learned: m.learned ?? null }));
    else pipeline.setTopics(m.topics);
    return;
  }
  let reply: PrepareReply;
  try {
    if (!pipeline) throw new Error('prepare-worker: no configuration before the first batch');
    const stats = { clipped: 0 };
    const rows = pipeline.prepare(m.sourceId, m.sourceName, m.items, m.now, stats);
    reply = { id: m.id, rows, clipped: stats.clipped };
  } catch (e) {
    reply = { id: m.id, error: (e as Error).message };
  }
  port.postMessage(reply);
});

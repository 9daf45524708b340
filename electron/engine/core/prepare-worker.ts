// The analysis thread of a bulk ingest (core/prepare-pool.ts): the same Pipeline as the
// station's own, fed the same topics and learned model, turning items into rows while the
// station's thread writes the rows before them. Pure: it reads no file but the shipped
// lexicon and models, and writes nothing.
import { parentPort } from 'node:worker_threads';
import { createAnalyzer } from '../analysis/sentiment';
import { Pipeline } from '../pipeline';
import { slimRows, type PrepareReply, type PrepareRequest } from './prepare-pool';

const port = parentPort;
if (!port) throw new Error('prepare-worker runs as a worker thread');

let pipeline: Pipeline | null = null;
const encoder = new TextEncoder();

port.on('message', (m: PrepareRequest) => {
  if (m.t === 'config') {
    // Topics change often (a topic saved); the analyzer only with a new learned model.
    if (!pipeline || m.learned !== undefined) pipeline = new Pipeline(m.topics, createAnalyzer({ learned: m.learned ?? null }));
    else pipeline.setTopics(m.topics);
    return;
  }
  try {
    if (!pipeline) throw new Error('prepare-worker: no configuration before the first batch');
    const { rows, clipped } = slimRows(m, pipeline);
    // As JSON bytes, moved to the station's thread (see Prepared and SlimRow in prepare-pool.ts).
    const json = encoder.encode(JSON.stringify(rows));
    port.postMessage({ id: m.id, json, clipped } satisfies PrepareReply, [json.buffer]);
  } catch (e) {
    port.postMessage({ id: m.id, error: (e as Error).message } satisfies PrepareReply);
  }
});

// Topics as every view sees them: loaded on each (re)connect, replaced whole by the engine's
// `topics` change event, and updated at once by the view that saved or removed one.
import type { Topic } from '../../../shared/types';
import { call } from '../lib/api';

export const topics = $state({ list: [] as Topic[] });

export async function loadTopics(): Promise<void> {
  topics.list = await call('topics.list', {});
}

export function setTopics(list: Topic[]): void {
  topics.list = list;
}

export function putTopic(topic: Topic): void {
  const i = topics.list.findIndex((x) => x.id === topic.id);
  if (i >= 0) topics.list[i] = topic;
  else topics.list.push(topic);
}

export function dropTopic(id: number): void {
  topics.list = topics.list.filter((x) => x.id !== id);
}

// Which live mention batches concern a panel: a panel with no topic ids shows all topics.
export function touchesTopics(byTopic: Record<string, number>, topicIds: readonly number[]): boolean {
  if (topicIds.length === 0) return true;
  return topicIds.some((id) => (byTopic[String(id)] ?? 0) > 0);
}

export function mentionInPanel(mentionTopicIds: readonly number[], topicIds: readonly number[]): boolean {
  return topicIds.length === 0 || mentionTopicIds.some((id) => topicIds.includes(id));
}

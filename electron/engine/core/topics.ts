// The topics every part of the station matches against, kept in memory: saving or removing a
// topic goes through here, so the pipeline's matcher, the lights and open walls (a `topics`
// event) follow at once; no handler has to remember to refresh anything.
import { ApiError, notFound } from '../../../shared/errors';
import type { Topic } from '../../../shared/types';
import { parseQuery, QueryError } from '../analysis/query';
import type { Clock } from '../clock';
import type { EventHub } from '../events';
import type { Store } from '../store';

export interface TopicInput {
  id?: number | undefined;
  name: string;
  query: string;
  color: string;
}

/** Throws `bad-query` naming the position when a topic query does not parse. */
export function checkQuery(query: string): void {
  try {
    parseQuery(query);
  } catch (e) {
    if (e instanceof QueryError) {
      const issues = [{ path: 'topic.query', message: e.message }];
      throw new ApiError('bad-query', { problem: e.problem, position: e.position, issues }, `query: ${e.message}`);
    }
    throw e;
  }
}

export class Topics {
  private all: Topic[];

  constructor(
    private store: Store,
    private clock: Clock,
    private events: EventHub,
    /** The topics changed (the pipeline recompiles, the lights run). */
    private onChange: (topics: Topic[]) => void,
  ) {
    this.all = store.topics.list();
  }

  /** Every topic, archived ones included (the topics room lists them). */
  list(): Topic[] {
    return this.all;
  }

  /** The topics that are matched, lit and shown: all but the archived. */
  active(): Topic[] {
    return this.all.filter((t) => t.archivedAt == null);
  }

  /** The active topics with these ids, or all of them when none are given. */
  pick(ids: number[] | undefined): Topic[] {
    const active = this.active();
    return ids && ids.length ? active.filter((t) => ids.includes(t.id)) : active;
  }

  /** Archive a topic (no new tagging, off the wall and the lights) or bring it back. */
  archive(id: number, archived: boolean): Topic {
    if (!this.store.topics.setArchived(id, archived ? this.clock.now() : null)) throw notFound('topic', id);
    this.changed();
    return this.store.topics.get(id)!;
  }

  save(t: TopicInput): Topic {
    checkQuery(t.query);
    const { topics } = this.store;
    let id = t.id;
    try {
      if (id) {
        if (!topics.update(id, t)) throw notFound('topic', id);
      } else {
        id = topics.add(t, this.clock.now());
      }
    } catch (e) {
      if (e instanceof Error && /UNIQUE/.test(e.message)) {
        throw new ApiError('conflict', { what: 'topic', name: t.name }, `a topic named "${t.name}" already exists`);
      }
      throw e;
    }
    this.changed();
    return topics.get(id)!;
  }

  remove(id: number): boolean {
    const removed = this.store.topics.remove(id);
    this.changed();
    return removed;
  }

  /** The topics were written outside this cache (a whole setup imported): read them again. */
  reload(): void {
    this.changed();
  }

  private changed(): void {
    this.all = this.store.topics.list();
    this.onChange(this.active());
    this.events.emit({ type: 'topics', now: this.clock.now(), topics: this.all });
  }
}

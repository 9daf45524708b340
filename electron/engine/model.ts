// Engine-internal records that the store keeps and the sources read: never sent as they are
// (the api sends `Source`, without poll state and with secrets hidden). The bottom layer:
// imports nothing from the engine.
import type { Source } from '../../shared/types';

/** What a source kind carries from one poll to the next. */
export interface PollState {
  cursor: string | null;
  etag: string | null;
  lastModified: string | null;
}

export interface SourceRecord extends Source {
  poll: PollState;
}

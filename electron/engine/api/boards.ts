// boards.*: grids of panels. Saving one tells open walls (a `boards` event).
import { handlers, notFound } from './types';

export const boardHandlers = handlers({
  'boards.list': (_p, { station }) => station.store.boards.list(),
  'boards.get': (p, { station }) => {
    const b = p.id ? station.store.boards.get(p.id) : station.store.boards.getDefault();
    if (!b) throw notFound('board', p.id);
    return b;
  },
  'boards.save': (p, { station }) => {
    const now = station.clock.now();
    const { boards } = station.store;
    let id = p.board.id;
    if (id) {
      if (!boards.update(id, p.board, now)) throw notFound('board', id);
    } else {
      id = boards.add(p.board, now);
    }
    station.events.emit({ type: 'boards', now, boards: boards.list() });
    return boards.get(id)!;
  },
});

// tokens.*: access tokens handed out for this station (the registry: ../tokens.ts).
import { handlers, notFound } from './types';

export const tokenHandlers = handlers({
  'tokens.list': (_p, { station }) => station.tokens.list(),
  'tokens.create': (p, { station }) => station.tokens.create(p.name, p.role),
  'tokens.revoke': (p, { station }) => {
    const t = station.tokens.revoke(p.id);
    if (!t) throw notFound('token', p.id);
    return t;
  },
});

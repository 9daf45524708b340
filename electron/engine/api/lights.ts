// lights.*: the current light of every enabled rule.
import { handlers } from './types';

export const lightHandlers = handlers({
  'lights.list': (_p, { station }) => station.store.lights.states(),
});

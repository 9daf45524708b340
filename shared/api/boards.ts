// boards.*: grids of panels. Part of the api contract:
// shared/api.ts merges every domain's table into one.
import { z } from 'zod';
import { boardInput } from '../schemas';
import type { Board } from '../types';
import { id, method, none } from './method';

export const boardsApi = {
  'boards.list': method<Board[]>()({ params: none, role: 'viewer', doc: 'All boards.' }),
  'boards.get': method<Board>()({
    params: z.object({ id: id.optional() }).strict(),
    role: 'viewer',
    doc: 'One board; without an id, the default war-room board.',
  }),
  'boards.save': method<Board>()({
    params: z.object({ board: boardInput }).strict(),
    role: 'admin',
    doc: 'Create a board (no id) or replace one (with id).',
  }),
} as const;

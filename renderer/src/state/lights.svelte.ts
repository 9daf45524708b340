// The current light of every enabled rule, and when the station last evaluated them.
import type { LightState } from '../../../shared/types';
import { call } from '../lib/api';

export const lights = $state({ list: [] as LightState[], at: null as number | null });

export async function loadLights(now: number): Promise<void> {
  const list = await call('lights.list', {});
  setLights(list, now);
}

export function setLights(list: LightState[], at: number): void {
  lights.list = list;
  lights.at = at;
}

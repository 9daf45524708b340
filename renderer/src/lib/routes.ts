// The app's routes: the wall ("/" and "/wall/<boardId>"), Explore, Sources, Topics, light
// Rules and the first-run Setup.
// The server answers every one of these paths with index.html.
export type Route =
  | { view: 'wall'; boardId?: number }
  | { view: 'explore' }
  | { view: 'sources' }
  | { view: 'topics' }
  | { view: 'rules' }
  | { view: 'alerts' }
  | { view: 'setup' }
  | { view: 'publicPlaces' }
  | { view: 'places' }
  | { view: 'station' }
  | { view: 'notFound'; path: string };

export function parseRoute(pathname: string): Route {
  const path = pathname.split(/[?#]/)[0]!.replace(/\/+$/, '') || '/';
  if (path === '/') return { view: 'wall' };
  const wall = /^\/wall\/(\d+)$/.exec(path);
  if (wall) return { view: 'wall', boardId: Number(wall[1]) };
  if (path === '/explore') return { view: 'explore' };
  if (path === '/sources') return { view: 'sources' };
  if (path === '/topics') return { view: 'topics' };
  if (path === '/rules') return { view: 'rules' };
  // The alert inbox: what fired, its evidence, acknowledgement.
  if (path === '/alerts') return { view: 'alerts' };
  if (path === '/setup') return { view: 'setup' };
  // The public places page a city shows visitors: crowd lamps only, for a viewer token.
  if (path === '/public/places') return { view: 'publicPlaces' };
  // The places room: add and change places (gauges with a position).
  if (path === '/places') return { view: 'places' };
  // The station room: storage (live file, monthly archives) and retention.
  if (path === '/station') return { view: 'station' };
  return { view: 'notFound', path };
}

// The app's routes: the wall ("/" and "/wall/<boardId>"), Explore and Sources.
// The server answers every one of these paths with index.html.
export type Route =
  | { view: 'wall'; boardId?: number }
  | { view: 'explore' }
  | { view: 'sources' }
  | { view: 'publicPlaces' }
  | { view: 'notFound'; path: string };

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { view: 'wall' };
  const wall = /^\/wall\/(\d+)$/.exec(path);
  if (wall) return { view: 'wall', boardId: Number(wall[1]) };
  if (path === '/explore') return { view: 'explore' };
  if (path === '/sources') return { view: 'sources' };
  // The public places page a city shows visitors: crowd lamps only, for a viewer token.
  if (path === '/public/places') return { view: 'publicPlaces' };
  return { view: 'notFound', path };
}

// The current route, following pushState navigation and back/forward.
import { parseRoute } from './routes';

export const router = $state({ route: parseRoute(location.pathname) });

export function navigate(path: string): void {
  if (path === location.pathname) return;
  history.pushState(null, '', path);
  router.route = parseRoute(path);
}

/** Follows back/forward; returns the stop. */
export function trackHistory(): () => void {
  const onPop = () => (router.route = parseRoute(location.pathname));
  window.addEventListener('popstate', onPop);
  return () => window.removeEventListener('popstate', onPop);
}

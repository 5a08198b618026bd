import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate } from '../../app/navigation';

/**
 * A real link (it opens in a new tab, it can be copied) that, on a plain
 * click, changes page inside the app with a history entry instead of
 * reloading: the worker pool and the page state survive.
 */
export function AppLink({ search, onClick, ...rest }: { search: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const follow = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(search);
  };
  return <a href={search || window.location.pathname} onClick={follow} {...rest} />;
}

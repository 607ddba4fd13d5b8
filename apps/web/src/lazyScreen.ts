import { lazy, type ComponentType } from 'react';

/**
 * A screen from its area's chunk (staff, treasurer, initiative, board): the first route
 * loads only the shell, and an area's code comes when one of its screens is opened.
 */
export function lazyScreen<M extends object>(load: () => Promise<M>, name: keyof M & string) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

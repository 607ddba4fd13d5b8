/**
 * pdfkit parses a registered TTF again for every document (fontkit.create), which was
 * most of the time of rendering a receipt. This swaps the fontkit module pdfkit will load
 * for one whose create() returns the same parsed font for the same buffer. It must be
 * imported before pdfkit (the renderer does so); fontkit fonts are read-only once
 * parsed, and pdfkit makes its per-document subset from them.
 */
import path from 'node:path';

type Create = (buffer: Uint8Array, postscriptName?: string) => unknown;

const fontkitPath = require.resolve('fontkit', {
  paths: [path.dirname(require.resolve('pdfkit'))],
});
// eslint-disable-next-line @typescript-eslint/no-require-imports
const original = require(fontkitPath) as { create: Create };
const parsed = new WeakMap<Uint8Array, Map<string, unknown>>();

const cached: Create = (buffer, postscriptName) => {
  let byName = parsed.get(buffer);
  if (!byName) parsed.set(buffer, (byName = new Map<string, unknown>()));
  const key = postscriptName ?? '';
  if (!byName.has(key)) byName.set(key, original.create(buffer, postscriptName));
  return byName.get(key);
};

const entry = require.cache[fontkitPath];
if (entry && entry.exports === original) {
  entry.exports = new Proxy(original, {
    get: (target, prop): unknown =>
      prop === 'create' ? cached : (Reflect.get(target, prop) as unknown),
  });
}

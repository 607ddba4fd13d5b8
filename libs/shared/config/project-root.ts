import { existsSync } from 'node:fs';
import path from 'node:path';

let root: string | undefined;

/** A path inside the checkout (config/, .data/), the same from source, dist/ and tests. */
export function projectPath(...segments: string[]): string {
  if (!root) {
    let dir = __dirname;
    while (!existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'dist') {
      const parent = path.dirname(dir);
      if (parent === dir) throw new Error('Cannot find the project root (package.json)');
      dir = parent;
    }
    root = dir;
  }
  return path.join(root, ...segments);
}

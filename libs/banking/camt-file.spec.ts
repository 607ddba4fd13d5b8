import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '@dachwerk/shared';
import { readCamtFile } from './camt-file';
import { elementPathAt } from './camt053';

/** The seed corpus of hostile uploads: each must be refused with its code, status and field. */
export interface HostileCamt {
  file: string;
  status: number;
  code: string;
  field: string;
  says: string;
}
const dir = join(__dirname, 'fixtures', 'hostile');
const corpus = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as HostileCamt[];

function refusal(file: Buffer): DomainError {
  try {
    readCamtFile(file);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('was accepted');
}

describe('readCamtFile on hostile uploads', () => {
  it.each(corpus.map((c) => [c.file, c] as const))('refuses %s', (_, c) => {
    const error = refusal(readFileSync(join(dir, c.file)));
    expect(error).toBeInstanceOf(DomainError);
    expect({ code: error.code, status: error.status ?? 422 }).toEqual({
      code: c.code,
      status: c.status,
    });
    const errors = error.details?.errors as { field: string; message: string }[];
    expect(errors.map((e) => e.field)).toContain(c.field);
    expect(errors.map((e) => e.message).join('\n')).toContain(c.says);
  });

  it('still reads the real-shaped statements', () => {
    for (const name of [
      'fints-return.camt053.001.02.xml',
      'transfers-rf-pending.camt053.001.08.xml',
    ])
      expect(readCamtFile(readFileSync(join(__dirname, 'fixtures', name))).length).toBe(1);
  });

  it('names the open elements at a line', () => {
    const xml = '<a:Document xmlns:a="x">\n <B>\n  <C/>\n  <D>1</D>\n <E>';
    expect(elementPathAt(xml, 4)).toBe('/Document/B');
    expect(elementPathAt(xml, 5)).toBe('/Document/B/E');
  });
});

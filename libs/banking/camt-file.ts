import { decodeText, DomainError } from '@dachwerk/shared';
import { parseCamt053, type ParsedStatement } from './camt053';

/**
 * What an upload is when it is no XML text, told by its first bytes, so that a treasurer
 * who picked the wrong file reads what they picked instead of a parser's complaint.
 */
const NOT_TEXT: [what: string, matches: (head: Buffer) => boolean][] = [
  [
    'a ZIP archive; unpack it and upload the camt.053 XML file inside',
    (h) => h[0] === 0x50 && h[1] === 0x4b && (h[2] === 3 || h[2] === 5 || h[2] === 7),
  ],
  ['a gzip archive; unpack it first', (h) => h[0] === 0x1f && h[1] === 0x8b],
  ['a PNG image', (h) => h.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex'))],
  ['a JPEG image', (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff],
  [
    'a PDF document; upload the bank’s camt.053 XML file, not the printed statement',
    (h) => h.subarray(0, 5).toString('latin1') === '%PDF-',
  ],
  [
    'UTF-16 text; save it as UTF-8 (banks send camt.053 in UTF-8)',
    (h) =>
      (h[0] === 0xff && h[1] === 0xfe) ||
      (h[0] === 0xfe && h[1] === 0xff) ||
      (h[0] === 0x3c && h[1] === 0) ||
      (h[0] === 0 && h[1] === 0x3c),
  ],
];

function refuseNotXml(what: string): never {
  throw new DomainError(
    'STATEMENT_NOT_XML',
    `The file is ${what}, not a camt.053 statement`,
    { errors: [{ field: 'file', rule: 'format', message: `is ${what}` }] },
    415,
  );
}

/** 1-based line of a character offset. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Document type declarations are refused outright: camt.053 never needs one, and entity
 * declarations are how XML files expand to gigabytes (billion laughs) or read server
 * files (external entities). Cheaper and safer than trusting every parser to ignore them.
 */
function refuseDeclarations(xml: string): void {
  const found = /<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)\b/i.exec(xml);
  if (!found) return;
  const line = lineOf(xml, found.index);
  throw new DomainError(
    'XML_DECLARATION_REFUSED',
    `The file declares <!${found[1].toUpperCase()}> (line ${line}); camt.053 files have none and Dachwerk reads none`,
    {
      errors: [
        {
          field: 'file',
          rule: 'noDtd',
          message: `line ${line}: <!${found[1].toUpperCase()}> declarations are refused`,
        },
      ],
      line,
    },
    400,
  );
}

/**
 * An uploaded file as camt.053 statements: refused clearly when it is an archive, an
 * image, UTF-16 or other binary data, or declares a DTD; then read by `parseCamt053`.
 * Pure (Buffer in, statements out), so it can run in a worker thread.
 */
export function readCamtFile(file: Buffer): ParsedStatement[] {
  const head = file.subarray(0, 16);
  const kind = NOT_TEXT.find(([, matches]) => matches(head));
  if (kind) refuseNotXml(kind[0]);
  if (file.includes(0)) refuseNotXml('binary data, not text');
  const xml = decodeText(file);
  refuseDeclarations(xml);
  return parseCamt053(xml);
}

import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import { projectPath } from '../config/project-root';

/** The ISO 20022 messages whose official schemas ship in `libs/shared/sepa/schemas/`. */
export type Iso20022Message =
  'pain.008.001.08' | 'pain.001.001.09' | 'camt.053.001.02' | 'camt.053.001.04' | 'camt.053.001.08';

const schemas = new Map<Iso20022Message, string>();

function schema(message: Iso20022Message): string {
  let xsd = schemas.get(message);
  if (!xsd) {
    xsd = readFileSync(projectPath('libs/shared/sepa/schemas', `${message}.xsd`), 'utf8');
    schemas.set(message, xsd);
  }
  return xsd;
}

/** libxml2's messages for each violation; empty when the document is valid. */
export async function xsdErrors(message: Iso20022Message, xml: string): Promise<string[]> {
  // 1 page = 64 KiB; large statements and 20,000-debit files need more than the default 16 MiB.
  const pages = Math.min(65536, 256 + Math.ceil((Buffer.byteLength(xml) * 12) / 65536));
  const result = await validateXML({
    xml: [{ fileName: `${message}.xml`, contents: xml }],
    schema: [schema(message)],
    initialMemoryPages: pages,
    maxMemoryPages: 65536,
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

/**
 * Every bank file we generate passes through here before anyone can download it.
 * A failure is our bug, not the user's: it answers 500 with the schema's words logged.
 */
export async function assertSchemaValid(message: Iso20022Message, xml: string): Promise<void> {
  const errors = await xsdErrors(message, xml);
  if (errors.length)
    throw new Error(`Generated ${message} violates the schema: ${errors.slice(0, 5).join('; ')}`);
}

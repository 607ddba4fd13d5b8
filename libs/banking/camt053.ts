import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DomainError, germanAmount } from '@dachwerk/shared';

export const CAMT_VERSIONS = ['camt.053.001.02', 'camt.053.001.04', 'camt.053.001.08'] as const;
export type CamtVersion = (typeof CAMT_VERSIONS)[number];

export interface ParsedTransaction {
  /** Signed: credit positive, debit negative. */
  amountCents: number;
  originalAmountCents: number | null;
  originalCurrency: string | null;
  chargesCents: number;
  endToEndId: string | null;
  mandateRef: string | null;
  paymentInfoId: string | null;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  remittance: string | null;
  returnReason: string | null;
}

export interface ParsedEntry {
  entryNo: number;
  amountCents: number;
  currency: string;
  bookedOn: string;
  valueOn: string | null;
  isReversal: boolean;
  bankRef: string | null;
  paymentInfoId: string | null;
  transactions: ParsedTransaction[];
}

export interface ParsedStatement {
  version: CamtVersion;
  statementRef: string;
  electronicSeq: number | null;
  iban: string;
  currency: string;
  fromOn: string | null;
  toOn: string | null;
  openingCents: number | null;
  closingCents: number | null;
  entries: ParsedEntry[];
}

type Node = Record<string, unknown>;

const ARRAYS = new Set(['Stmt', 'Bal', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Rcrd', 'Chrgs']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ARRAYS.has(name),
});

/** A decimal amount as in ISO 20022 ("1234.5") to integer cents, exactly. */
export function amountToCents(text: string): number | undefined {
  const m = /^(\d{1,13})(?:\.(\d{1,5}))?$/.exec(text.trim());
  if (!m) return undefined;
  const fraction = (m[2] ?? '').padEnd(5, '0');
  if (Number(fraction.slice(2)) !== 0) return undefined;
  return Number(m[1]) * 100 + Number(fraction.slice(0, 2));
}

const at = (node: unknown, ...path: string[]): unknown => {
  let cur = node;
  for (const key of path) {
    if (Array.isArray(cur)) cur = cur[0];
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Node)[key];
  }
  return Array.isArray(cur) ? cur[0] : cur;
};
const text = (node: unknown, ...path: string[]): string | null => {
  const value = at(node, ...path);
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') {
    const inner = (value as Node)['#text'];
    return typeof inner === 'string' ? inner : null;
  }
  return typeof value === 'string' ? value : null;
};
const list = (node: unknown, key: string): Node[] => {
  if (!node || typeof node !== 'object') return [];
  const value = (node as Node)[key];
  return Array.isArray(value) ? (value as Node[]) : value ? [value as Node] : [];
};
const day = (node: unknown, key: string): string | null =>
  (text(node, key, 'Dt') ?? text(node, key, 'DtTm'))?.slice(0, 10) ?? null;

/**
 * Reads a camt.053 bank statement (versions 02, 04 and 08, as German banks send them)
 * with a real XML parser, leniently: what Dachwerk needs is checked, the rest is not.
 * Every entry and every transaction inside a batch entry comes back; an entry without
 * details becomes one transaction of its own. Problems name the statement and entry.
 */
export function parseCamt053(xml: string): ParsedStatement[] {
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true)
    throw new DomainError(
      'XML_MALFORMED',
      `The file is not well-formed XML: ${wellFormed.err.msg}`,
      {
        errors: [
          {
            field: 'file',
            rule: 'xml',
            message: `line ${wellFormed.err.line}: ${wellFormed.err.msg}`,
          },
        ],
      },
      400,
    );
  const namespace =
    /<(?:\w+:)?Document[^>]*\sxmlns(?::\w+)?="urn:iso:std:iso:20022:tech:xsd:([a-z0-9.]+)"/.exec(
      xml,
    )?.[1];
  if (!namespace || !(CAMT_VERSIONS as readonly string[]).includes(namespace))
    throw new DomainError(
      'STATEMENT_VERSION_UNSUPPORTED',
      `Expected camt.053.001.02, .04 or .08, found ${namespace ?? 'no ISO 20022 namespace'}`,
      {
        field: 'file',
      },
    );
  const version = namespace as CamtVersion;
  const doc = parser.parse(xml) as Node;
  const statements = list(at(doc, 'Document', 'BkToCstmrStmt'), 'Stmt');
  if (!statements.length)
    throw new DomainError('STATEMENT_EMPTY', 'The file holds no statement (Stmt)', {
      field: 'file',
    });
  return statements.map((stmt, s) => parseStatement(stmt, s + 1, version));
}

function parseStatement(stmt: Node, no: number, version: CamtVersion): ParsedStatement {
  const problems: { field: string; rule: string; message: string }[] = [];
  const fail = (field: string, message: string) =>
    problems.push({ field, rule: 'camt', message: `statement ${no}, ${message}` });
  const iban = text(stmt, 'Acct', 'Id', 'IBAN');
  const statementRef = text(stmt, 'Id');
  if (!iban) fail('Acct', 'the account has no IBAN');
  if (!statementRef) fail('Id', 'the statement has no Id');
  const currency = text(stmt, 'Acct', 'Ccy') ?? 'EUR';
  const balance = (codes: string[]) => {
    const bal = list(stmt, 'Bal').find((b) =>
      codes.includes(text(b, 'Tp', 'CdOrPrtry', 'Cd') ?? ''),
    );
    if (!bal) return null;
    const cents = amountToCents(text(bal, 'Amt') ?? '');
    if (cents === undefined) return null;
    return text(bal, 'CdtDbtInd') === 'DBIT' ? -cents : cents;
  };
  const entries = list(stmt, 'Ntry').map((ntry, i) => {
    const entryNo = i + 1;
    const where = `entry ${entryNo}`;
    const amount = amountToCents(text(ntry, 'Amt') ?? '');
    const indicator = text(ntry, 'CdtDbtInd');
    if (amount === undefined)
      fail(`Ntry[${entryNo}].Amt`, `${where}: the amount is missing or malformed`);
    if (indicator !== 'CRDT' && indicator !== 'DBIT')
      fail(`Ntry[${entryNo}].CdtDbtInd`, `${where}: CdtDbtInd must be CRDT or DBIT`);
    const bookedOn = day(ntry, 'BookgDt');
    if (!bookedOn) fail(`Ntry[${entryNo}].BookgDt`, `${where}: the booking date is missing`);
    const sign = indicator === 'DBIT' ? -1 : 1;
    const details = list(ntry, 'NtryDtls');
    const paymentInfoId = details.map((d) => text(d, 'Btch', 'PmtInfId')).find(Boolean) ?? null;
    const txNodes = details.flatMap((d) => list(d, 'TxDtls'));
    const transactions = (txNodes.length ? txNodes : [null]).map((tx, t) =>
      parseTransaction(tx, ntry, (amount ?? 0) * sign, sign, paymentInfoId, version, (message) =>
        fail(`Ntry[${entryNo}].TxDtls[${t + 1}]`, `${where}, transaction ${t + 1}: ${message}`),
      ),
    );
    if (txNodes.length > 1) {
      const sum = transactions.reduce((s, tx) => s + tx.amountCents, 0);
      if (amount !== undefined && sum !== amount * sign)
        fail(
          `Ntry[${entryNo}]`,
          `${where}: the transactions sum to ${germanAmount(sum)}, the entry says ${germanAmount(amount * sign)}`,
        );
    }
    return {
      entryNo,
      amountCents: (amount ?? 0) * sign,
      currency: ((at(ntry, 'Amt') as Node | undefined)?.['@Ccy'] as string) ?? currency,
      bookedOn: bookedOn ?? '',
      valueOn: day(ntry, 'ValDt'),
      isReversal: text(ntry, 'RvslInd') === 'true',
      bankRef: text(ntry, 'AcctSvcrRef'),
      paymentInfoId,
      transactions,
    };
  });
  if (problems.length)
    throw new DomainError(
      'STATEMENT_INVALID',
      `The statement has ${problems.length} problem(s); nothing was imported`,
      { errors: problems },
    );
  return {
    version,
    statementRef: statementRef!,
    electronicSeq: text(stmt, 'ElctrncSeqNb') ? Number(text(stmt, 'ElctrncSeqNb')) : null,
    iban: iban!.replace(/\s+/g, '').toUpperCase(),
    currency,
    fromOn: text(stmt, 'FrToDt', 'FrDtTm')?.slice(0, 10) ?? null,
    toOn: text(stmt, 'FrToDt', 'ToDtTm')?.slice(0, 10) ?? null,
    openingCents: balance(['OPBD', 'PRCD']),
    closingCents: balance(['CLBD']),
    entries,
  };
}

function parseTransaction(
  tx: Node | null,
  ntry: Node,
  entryCents: number,
  entrySign: number,
  paymentInfoId: string | null,
  version: CamtVersion,
  fail: (message: string) => void,
): ParsedTransaction {
  if (!tx)
    return {
      amountCents: entryCents,
      originalAmountCents: null,
      originalCurrency: null,
      chargesCents: 0,
      endToEndId: null,
      mandateRef: null,
      paymentInfoId,
      counterpartyName: null,
      counterpartyIban: null,
      remittance: text(ntry, 'AddtlNtryInf'),
      returnReason: null,
    };
  // Version 02 has the amount only in AmtDtls; 04 and 08 carry Amt on the transaction.
  const amountText = text(tx, 'Amt') ?? text(tx, 'AmtDtls', 'TxAmt', 'Amt');
  const amount = amountText === null ? undefined : amountToCents(amountText);
  if (amount === undefined) fail('the amount is missing or malformed');
  const indicator = text(tx, 'CdtDbtInd');
  const sign = indicator === 'DBIT' ? -1 : indicator === 'CRDT' ? 1 : entrySign;
  const instructed = at(tx, 'AmtDtls', 'InstdAmt', 'Amt') as Node | string | undefined;
  const instructedCurrency = typeof instructed === 'object' ? (instructed['@Ccy'] as string) : null;
  const instructedText = text(tx, 'AmtDtls', 'InstdAmt', 'Amt');
  const charges = list(tx, 'Chrgs').flatMap((c) => {
    const records = list(c, 'Rcrd');
    const amounts = records.length
      ? records.map((r) => text(r, 'Amt'))
      : [text(c, 'TtlChrgsAndTaxAmt') ?? text(c, 'Amt')];
    return amounts.map((a) => (a ? (amountToCents(a) ?? 0) : 0));
  });
  const party = (role: 'Dbtr' | 'Cdtr') =>
    version === 'camt.053.001.08'
      ? (text(tx, 'RltdPties', role, 'Pty', 'Nm') ?? text(tx, 'RltdPties', role, 'Nm'))
      : text(tx, 'RltdPties', role, 'Nm');
  const counterparty = sign > 0 ? 'Dbtr' : 'Cdtr';
  const ustrd = list(at(tx, 'RmtInf') as Node, 'Ustrd').map((u: unknown) => {
    const inner = typeof u === 'object' && u !== null ? (u as Node)['#text'] : u;
    return typeof inner === 'string' ? inner : '';
  });
  return {
    amountCents: (amount ?? 0) * sign,
    originalAmountCents:
      instructedCurrency && instructedText ? (amountToCents(instructedText) ?? null) : null,
    originalCurrency: instructedCurrency,
    chargesCents: charges.reduce((s, c) => s + c, 0),
    endToEndId: nonEmpty(text(tx, 'Refs', 'EndToEndId')),
    mandateRef: text(tx, 'Refs', 'MndtId'),
    paymentInfoId: text(tx, 'Refs', 'PmtInfId') ?? paymentInfoId,
    counterpartyName: party(counterparty),
    counterpartyIban: text(tx, 'RltdPties', `${counterparty}Acct`, 'Id', 'IBAN'),
    remittance: ustrd.join(' ').trim() || text(ntry, 'AddtlNtryInf'),
    returnReason: text(tx, 'RtrInf', 'Rsn', 'Cd'),
  };
}

/** Banks write NOTPROVIDED where a payer gave no end-to-end id. */
function nonEmpty(value: string | null): string | null {
  return value && value !== 'NOTPROVIDED' ? value : null;
}

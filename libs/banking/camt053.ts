import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DomainError, germanAmount, isWithinAmountLimit, parseDayInput } from '@dachwerk/shared';

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
  /** Strd/CdtrRefInf/Ref: a structured creditor reference (e.g. an RF reference, ISO 11649). */
  creditorRef: string | null;
  returnReason: string | null;
}

export interface ParsedEntry {
  entryNo: number;
  amountCents: number;
  currency: string;
  bookedOn: string;
  valueOn: string | null;
  isReversal: boolean;
  /** Sts: BOOK (booked), PDNG (pending), INFO (information only), … */
  status: string;
  /**
   * Booked money in the account's currency: only such entries count towards the balance
   * and are matched and booked; the others are kept as not booked.
   */
  isSettled: boolean;
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

const ARRAYS = new Set([
  'Stmt',
  'Bal',
  'Ntry',
  'NtryDtls',
  'TxDtls',
  'Ustrd',
  'Strd',
  'Rcrd',
  'Chrgs',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ARRAYS.has(name),
});

/** A decimal amount as in ISO 20022 ("1234.5") to integer cents, exactly, within the amount limit. */
export function amountToCents(text: string): number | undefined {
  const m = /^(\d{1,13})(?:\.(\d{1,5}))?$/.exec(text.trim());
  if (!m) return undefined;
  const fraction = (m[2] ?? '').padEnd(5, '0');
  if (Number(fraction.slice(2)) !== 0) return undefined;
  const cents = Number(m[1]) * 100 + Number(fraction.slice(0, 2));
  return isWithinAmountLimit(cents) ? cents : undefined;
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
/** The day of a Dt or DtTm element: null when absent, undefined when it is no real day. */
const day = (node: unknown, ...path: string[]): string | null | undefined => {
  const value = text(node, ...path, 'Dt') ?? text(node, ...path, 'DtTm') ?? text(node, ...path);
  if (value === null) return null;
  return /^\d{4}-\d{2}-\d{2}(?:T|$)/.test(value) ? parseDayInput(value.slice(0, 10)) : undefined;
};

/** Where in the document a line lies, as an element path ("/Document/BkToCstmrStmt/Stmt"). */
export function elementPathAt(xml: string, line: number): string {
  let end = 0;
  for (let l = 1; l <= line && end !== -1; l++) end = xml.indexOf('\n', end + (l > 1 ? 1 : 0));
  const before = end === -1 ? xml : xml.slice(0, end);
  const open: string[] = [];
  for (const m of before.matchAll(/<(\/?)([A-Za-z_][\w.:-]*)[^<>]*?(\/?)>/g)) {
    const name = m[2].replace(/^[\w.-]+:/, '');
    if (m[1]) {
      const at = open.lastIndexOf(name);
      if (at !== -1) open.length = at;
    } else if (!m[3]) open.push(name);
  }
  return '/' + open.join('/');
}

function malformed(xml: string, line: number, message: string): DomainError {
  const path = elementPathAt(xml, line);
  return new DomainError(
    'XML_MALFORMED',
    `The file is not well-formed XML: line ${line}, in ${path}: ${message}`,
    {
      errors: [{ field: 'file', rule: 'xml', message: `line ${line}, in ${path}: ${message}` }],
      line,
      path,
    },
    400,
  );
}

/**
 * Reads a camt.053 bank statement (versions 02, 04 and 08, as German banks send them)
 * with a real XML parser, leniently: what Dachwerk needs is checked, the rest is not.
 * Every entry and every transaction inside a batch entry comes back; an entry without
 * details becomes one transaction of its own. Problems name the statement and entry.
 */
export function parseCamt053(xml: string): ParsedStatement[] {
  let wellFormed: ReturnType<typeof XMLValidator.validate>;
  try {
    wellFormed = XMLValidator.validate(xml);
  } catch (error) {
    throw malformed(xml, 1, (error as Error).message);
  }
  if (wellFormed !== true) throw malformed(xml, wellFormed.err.line, wellFormed.err.msg);
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
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (error) {
    const line = Number(/line:?\s*(\d+)/i.exec((error as Error).message)?.[1] ?? 1);
    throw malformed(xml, line, (error as Error).message);
  }
  const statements = list(at(doc, 'Document', 'BkToCstmrStmt'), 'Stmt');
  if (!statements.length)
    throw new DomainError('STATEMENT_EMPTY', 'The file holds no statement (Stmt)', {
      field: 'file',
    });
  return statements.map((stmt, s) => {
    try {
      return parseStatement(stmt, s + 1, version);
    } catch (error) {
      if (error instanceof DomainError) throw error;
      // A shape this reader did not foresee is the file's problem, never a 500.
      throw new DomainError(
        'STATEMENT_INVALID',
        `Statement ${s + 1} could not be read: ${(error as Error).message}`,
        { errors: [{ field: `Stmt[${s + 1}]`, rule: 'camt', message: (error as Error).message }] },
      );
    }
  });
}

function parseStatement(stmt: Node, no: number, version: CamtVersion): ParsedStatement {
  const problems: { field: string; rule: string; message: string }[] = [];
  const fail = (field: string, message: string) =>
    problems.push({ field, rule: 'camt', message: `statement ${no}, ${message}` });
  const iban = text(stmt, 'Acct', 'Id', 'IBAN')?.replace(/\s+/g, '').toUpperCase() ?? null;
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
  const entries = list(stmt, 'Ntry').map((ntry, i): ParsedEntry => {
    const entryNo = i + 1;
    const where = `entry ${entryNo}`;
    const amount = amountToCents(text(ntry, 'Amt') ?? '');
    const indicator = text(ntry, 'CdtDbtInd');
    if (amount === undefined)
      fail(`Ntry[${entryNo}].Amt`, `${where}: the amount is missing or malformed`);
    if (indicator !== 'CRDT' && indicator !== 'DBIT')
      fail(`Ntry[${entryNo}].CdtDbtInd`, `${where}: CdtDbtInd must be CRDT or DBIT`);
    const bookedOn = day(ntry, 'BookgDt');
    if (bookedOn === null)
      fail(`Ntry[${entryNo}].BookgDt`, `${where}: the booking date is missing`);
    if (bookedOn === undefined)
      fail(`Ntry[${entryNo}].BookgDt`, `${where}: the booking date is no real day`);
    const valueOn = day(ntry, 'ValDt');
    if (valueOn === undefined)
      fail(`Ntry[${entryNo}].ValDt`, `${where}: the value date is no real day`);
    const sign = indicator === 'DBIT' ? -1 : 1;
    const entryCents = (amount ?? 0) * sign;
    const entryCurrency = currencyOf(at(ntry, 'Amt')) ?? currency;
    // Version 02 writes <Sts>BOOK</Sts>, later versions <Sts><Cd>BOOK</Cd></Sts>.
    const status = text(ntry, 'Sts', 'Cd') ?? text(ntry, 'Sts') ?? 'BOOK';
    const details = list(ntry, 'NtryDtls');
    const paymentInfoId = details.map((d) => text(d, 'Btch', 'PmtInfId')).find(Boolean) ?? null;
    const txNodes = details.flatMap((d) => list(d, 'TxDtls'));
    const failTx = (t: number) => (message: string) =>
      fail(`Ntry[${entryNo}].TxDtls[${t + 1}]`, `${where}, transaction ${t + 1}: ${message}`);
    const transactions = (txNodes.length ? txNodes : [null]).map((tx, t) =>
      parseTransaction(tx, {
        ntry,
        entryCents,
        entryCurrency,
        sign,
        paymentInfoId,
        ownIban: iban,
        version,
        fail: failTx(t),
      }),
    );
    // German banks (FinTS-derived files) often leave the amount to the entry: a single
    // transaction without one takes the entry's amount, or what the others leave of it.
    const missing = transactions.flatMap((tx, t) => (tx.amountCents === null ? [t] : []));
    if (missing.length === 1) {
      const rest = transactions.reduce((sum, tx) => sum + (tx.amountCents ?? 0), 0);
      const remainder = entryCents - rest;
      if (remainder !== 0 && Math.sign(remainder) === Math.sign(entryCents))
        transactions[missing[0]].amountCents = remainder;
      else
        failTx(missing[0])(
          `it has no amount and the entry's ${germanAmount(entryCents)} leaves none for it`,
        );
    } else if (missing.length > 1)
      fail(
        `Ntry[${entryNo}]`,
        `${where}: ${missing.length} transactions have no amount of their own, so the entry's amount cannot be divided among them`,
      );
    else if (txNodes.length > 1) {
      const sum = transactions.reduce((s, tx) => s + (tx.amountCents ?? 0), 0);
      if (amount !== undefined && sum !== entryCents)
        fail(
          `Ntry[${entryNo}]`,
          `${where}: the transactions sum to ${germanAmount(sum)}, the entry says ${germanAmount(entryCents)}`,
        );
    }
    return {
      entryNo,
      amountCents: entryCents,
      currency: entryCurrency,
      bookedOn: bookedOn ?? '',
      valueOn: valueOn ?? null,
      isReversal: text(ntry, 'RvslInd') === 'true',
      status,
      isSettled: status === 'BOOK' && entryCurrency === currency,
      bankRef: nonEmpty(text(ntry, 'AcctSvcrRef')),
      paymentInfoId,
      transactions: transactions.map((tx) => ({ ...tx, amountCents: tx.amountCents ?? 0 })),
    };
  });
  // Sequence numbers are digits; FinTS-derived files write 00000 for none.
  const sequence = (element: 'ElctrncSeqNb' | 'LglSeqNb'): number | null => {
    const value = text(stmt, element);
    if (value === null) return null;
    if (!/^\d{1,15}$/.test(value)) {
      fail(
        element,
        `${element} must be a number of at most 15 digits, found "${value.slice(0, 40)}"`,
      );
      return null;
    }
    return Number(value) > 0 ? Number(value) : null;
  };
  const electronicSeq = sequence('ElctrncSeqNb');
  sequence('LglSeqNb');
  const period = (key: 'FrDtTm' | 'ToDtTm'): string | null => {
    const value = day(stmt, 'FrToDt', key);
    if (value === undefined) fail(`FrToDt.${key}`, `FrToDt/${key} is no real day`);
    return value ?? null;
  };
  const fromOn = period('FrDtTm');
  const toOn = period('ToDtTm');
  if (problems.length)
    throw new DomainError(
      'STATEMENT_INVALID',
      `The statement has ${problems.length} problem(s); nothing was imported`,
      { errors: problems },
    );
  return {
    version,
    statementRef: statementRef!,
    electronicSeq,
    iban: iban!,
    currency,
    fromOn,
    toOn,
    openingCents: balance(['OPBD', 'PRCD']),
    closingCents: balance(['CLBD']),
    entries,
  };
}

/**
 * The statement's own arithmetic: opening balance plus the booked entries must give the
 * closing balance. A statement that does not add up is refused, never imported silently.
 */
export function assertBalances(statements: ParsedStatement[]): void {
  const errors = statements.flatMap((s, i) => {
    if (s.openingCents === null || s.closingCents === null) return [];
    const booked = s.entries.reduce((sum, e) => sum + (e.isSettled ? e.amountCents : 0), 0);
    const expected = s.openingCents + booked;
    return expected === s.closingCents
      ? []
      : [
          {
            field: 'Bal',
            rule: 'balance',
            message: `statement ${i + 1} (${s.statementRef}): opening balance ${germanAmount(s.openingCents)} plus the booked entries ${germanAmount(booked)} gives ${germanAmount(expected)}, but the closing balance is ${germanAmount(s.closingCents)}`,
          },
        ];
  });
  if (errors.length)
    throw new DomainError(
      'STATEMENT_BALANCE_MISMATCH',
      `${errors[0].message}; nothing was imported`,
      { errors },
      422,
    );
}

interface TransactionContext {
  ntry: Node;
  entryCents: number;
  entryCurrency: string;
  sign: number;
  paymentInfoId: string | null;
  ownIban: string | null;
  version: CamtVersion;
  fail: (message: string) => void;
}

function parseTransaction(
  tx: Node | null,
  c: TransactionContext,
): Omit<ParsedTransaction, 'amountCents'> & { amountCents: number | null } {
  if (!tx)
    return {
      amountCents: c.entryCents,
      originalAmountCents: null,
      originalCurrency: null,
      chargesCents: 0,
      endToEndId: null,
      mandateRef: null,
      paymentInfoId: c.paymentInfoId,
      counterpartyName: null,
      counterpartyIban: null,
      remittance: text(c.ntry, 'AddtlNtryInf'),
      creditorRef: null,
      returnReason: null,
    };
  // Version 02 has the amount only in AmtDtls; 04 and 08 carry Amt on the transaction.
  // An amount in another currency than the entry's says nothing about the money booked.
  const inEntryCurrency = (node: unknown) => {
    const currency = currencyOf(node);
    return currency === null || currency === c.entryCurrency;
  };
  const own = [at(tx, 'Amt'), at(tx, 'AmtDtls', 'TxAmt', 'Amt')].find(
    (node) => node !== undefined && inEntryCurrency(node),
  );
  const ownText = own === undefined ? null : text({ x: own }, 'x');
  const amount = ownText === null ? null : (amountToCents(ownText) ?? undefined);
  if (amount === undefined) c.fail('the amount is malformed');
  const indicator = text(tx, 'CdtDbtInd');
  const sign = indicator === 'DBIT' ? -1 : indicator === 'CRDT' ? 1 : c.sign;
  const instructed = at(tx, 'AmtDtls', 'InstdAmt', 'Amt');
  const instructedCurrency = currencyOf(instructed);
  const instructedText = text(tx, 'AmtDtls', 'InstdAmt', 'Amt');
  const charges = list(tx, 'Chrgs').flatMap((ch) => {
    const records = list(ch, 'Rcrd');
    const amounts = records.length
      ? records.map((r) => text(r, 'Amt'))
      : [text(ch, 'TtlChrgsAndTaxAmt') ?? text(ch, 'Amt')];
    return amounts.map((a) => (a ? (amountToCents(a) ?? 0) : 0));
  });
  const party = (role: 'Dbtr' | 'Cdtr') => ({
    name: text(tx, 'RltdPties', role, 'Pty', 'Nm') ?? text(tx, 'RltdPties', role, 'Nm'),
    iban:
      text(tx, 'RltdPties', `${role}Acct`, 'Id', 'IBAN')?.replace(/\s+/g, '').toUpperCase() ?? null,
  });
  // The other side of the money: the payer of a credit, the payee of a debit — turned round
  // for a return, where a returned direct debit names the debtor who refused it. Whichever
  // side holds the statement's own account is never the counterparty.
  const isReturn = at(tx, 'RtrInf') !== undefined;
  const payerSide = sign > 0 !== isReturn;
  let counterparty = party(payerSide ? 'Dbtr' : 'Cdtr');
  if (c.ownIban && counterparty.iban === c.ownIban)
    counterparty = party(payerSide ? 'Cdtr' : 'Dbtr');
  const ustrd = list(at(tx, 'RmtInf') as Node, 'Ustrd').map((u: unknown) => {
    const inner = typeof u === 'object' && u !== null ? (u as Node)['#text'] : u;
    return typeof inner === 'string' ? inner : '';
  });
  const creditorRef =
    list(at(tx, 'RmtInf') as Node, 'Strd')
      .map((strd) => text(strd, 'CdtrRefInf', 'Ref'))
      .find(Boolean) ?? null;
  return {
    amountCents: amount === null || amount === undefined ? null : amount * sign,
    originalAmountCents:
      instructedCurrency && instructedText ? (amountToCents(instructedText) ?? null) : null,
    originalCurrency: instructedCurrency,
    chargesCents: charges.reduce((s, ch) => s + ch, 0),
    endToEndId: nonEmpty(text(tx, 'Refs', 'EndToEndId')),
    mandateRef: text(tx, 'Refs', 'MndtId'),
    paymentInfoId: text(tx, 'Refs', 'PmtInfId') ?? c.paymentInfoId,
    counterpartyName: counterparty.name,
    counterpartyIban: counterparty.iban,
    remittance: ustrd.join(' ').trim() || text(tx, 'AddtlTxInf') || text(c.ntry, 'AddtlNtryInf'),
    creditorRef: creditorRef?.replace(/\s+/g, '') || null,
    returnReason: text(tx, 'RtrInf', 'Rsn', 'Cd'),
  };
}

/** The Ccy attribute of an amount element, if it has one. */
function currencyOf(node: unknown): string | null {
  return node && typeof node === 'object' ? ((node as Node)['@Ccy'] as string) || null : null;
}

/** Banks write NOTPROVIDED (or NONREF) where there is no reference. */
function nonEmpty(value: string | null): string | null {
  return value && value !== 'NOTPROVIDED' && value !== 'NONREF' ? value : null;
}

import { sepaAmount, xmlText } from '@dachwerk/shared';

export interface CamtTx {
  /** Signed: credit positive, debit negative (the sign of the entry). */
  amountCents: number;
  endToEndId?: string;
  mandateRef?: string;
  name?: string;
  iban?: string;
  remittance?: string;
  returnReason?: string;
  chargesCents?: number;
  original?: { amountCents: number; currency: string };
  /** Structured creditor reference (Strd/CdtrRefInf/Ref), e.g. an RF reference. */
  creditorRef?: string;
  /** Leave the amount to the entry, as FinTS-derived files do. */
  omitAmount?: boolean;
  /** Our own account on the other side (as banks write for returns). */
  ownIban?: string;
}

export interface CamtEntry {
  amountCents: number;
  bookedOn: string;
  bankRef?: string;
  paymentInfoId?: string;
  /** BOOK unless said otherwise (PDNG pending, INFO information only). */
  status?: 'BOOK' | 'PDNG' | 'INFO';
  /** EUR unless said otherwise. */
  currency?: string;
  /** Empty: an entry without details. */
  transactions: CamtTx[];
}

export interface CamtStatement {
  version: 'camt.053.001.02' | 'camt.053.001.04' | 'camt.053.001.08';
  iban: string;
  statementRef: string;
  seq?: number;
  from: string;
  to: string;
  openingCents: number;
  /** Defaults to opening plus the booked entries. */
  closingCents?: number;
  entries: CamtEntry[];
}

const amt = (cents: number, currency = 'EUR') =>
  `<Amt Ccy="${currency}">${sepaAmount(Math.abs(cents))}</Amt>`;
const ind = (cents: number) => `<CdtDbtInd>${cents < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd>`;

/**
 * Writes camt.053 statements in the three versions German banks send, valid against the
 * official schemas (a test checks it) — for tests, benchmarks and the demo statement; banks write the real ones.
 */
export function writeCamt053(s: CamtStatement): string {
  const v8 = s.version === 'camt.053.001.08';
  const v2 = s.version === 'camt.053.001.02';
  const closing =
    s.closingCents ??
    s.openingCents +
      s.entries.reduce(
        (sum, e) =>
          sum +
          ((e.status ?? 'BOOK') === 'BOOK' && (e.currency ?? 'EUR') === 'EUR' ? e.amountCents : 0),
        0,
      );
  const bal = (code: string, cents: number, date: string) =>
    `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp>${amt(cents)}${ind(cents)}<Dt><Dt>${date}</Dt></Dt></Bal>`;
  const party = (role: 'Dbtr' | 'Cdtr', name?: string, iban?: string) =>
    (name
      ? v8
        ? `<${role}><Pty><Nm>${xmlText(name)}</Nm></Pty></${role}>`
        : `<${role}><Nm>${xmlText(name)}</Nm></${role}>`
      : '') + (iban ? `<${role}Acct><Id><IBAN>${iban}</IBAN></Id></${role}Acct>` : '');
  const bkTxCd = (tx: CamtTx | undefined, entryCents: number) => {
    const family = tx?.returnReason
      ? 'UPDD'
      : tx?.mandateRef
        ? entryCents < 0
          ? 'UPDD'
          : 'ESCT'
        : 'ESCT';
    return `<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>${tx?.mandateRef ? 'IDDT' : entryCents < 0 ? 'ICDT' : 'RCDT'}</Cd><SubFmlyCd>${family}</SubFmlyCd></Fmly></Domn></BkTxCd>`;
  };
  const txXml = (tx: CamtTx, entryCents: number) => {
    const refs = `<Refs>${tx.endToEndId ? `<EndToEndId>${xmlText(tx.endToEndId)}</EndToEndId>` : ''}${tx.mandateRef ? `<MndtId>${xmlText(tx.mandateRef)}</MndtId>` : ''}</Refs>`;
    const amtDtls =
      (tx.original
        ? `<InstdAmt><Amt Ccy="${tx.original.currency}">${sepaAmount(tx.original.amountCents)}</Amt></InstdAmt>`
        : '') + (v2 && !tx.omitAmount ? `<TxAmt>${amt(tx.amountCents)}</TxAmt>` : '');
    const charges = tx.chargesCents
      ? v2
        ? `<Chrgs><Amt Ccy="EUR">${sepaAmount(tx.chargesCents)}</Amt></Chrgs>`
        : `<Chrgs><Rcrd><Amt Ccy="EUR">${sepaAmount(tx.chargesCents)}</Amt></Rcrd></Chrgs>`
      : '';
    // A returned direct debit names the debtor who refused it; we are its creditor.
    const theirs = tx.amountCents < 0 !== !!tx.returnReason ? 'Cdtr' : 'Dbtr';
    const ours = theirs === 'Cdtr' ? 'Dbtr' : 'Cdtr';
    const sides = [party(theirs, tx.name, tx.iban), party(ours, undefined, tx.ownIban)];
    const counterparty = (theirs === 'Dbtr' ? sides : sides.reverse()).join('');
    const remittance =
      (tx.remittance ? `<Ustrd>${xmlText(tx.remittance.slice(0, 140))}</Ustrd>` : '') +
      (tx.creditorRef
        ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${xmlText(tx.creditorRef)}</Ref></CdtrRefInf></Strd>`
        : '');
    return (
      `<TxDtls>${refs}` +
      (v2 || tx.omitAmount ? '' : `${amt(tx.amountCents)}${ind(tx.amountCents)}`) +
      (amtDtls ? `<AmtDtls>${amtDtls}</AmtDtls>` : '') +
      bkTxCd(tx, entryCents) +
      charges +
      (counterparty ? `<RltdPties>${counterparty}</RltdPties>` : '') +
      (remittance ? `<RmtInf>${remittance}</RmtInf>` : '') +
      (tx.returnReason ? `<RtrInf><Rsn><Cd>${tx.returnReason}</Cd></Rsn></RtrInf>` : '') +
      `</TxDtls>`
    );
  };
  const entries = s.entries.map((e) => {
    const details =
      e.transactions.length || e.paymentInfoId
        ? `<NtryDtls>${e.paymentInfoId || e.transactions.length > 1 ? `<Btch>${e.paymentInfoId ? `<PmtInfId>${e.paymentInfoId}</PmtInfId>` : ''}<NbOfTxs>${Math.max(1, e.transactions.length)}</NbOfTxs></Btch>` : ''}${e.transactions.map((t) => txXml(t, e.amountCents)).join('')}</NtryDtls>`
        : '';
    return (
      `<Ntry>${amt(e.amountCents, e.currency)}${ind(e.amountCents)}` +
      (v8 ? `<Sts><Cd>${e.status ?? 'BOOK'}</Cd></Sts>` : `<Sts>${e.status ?? 'BOOK'}</Sts>`) +
      `<BookgDt><Dt>${e.bookedOn}</Dt></BookgDt><ValDt><Dt>${e.bookedOn}</Dt></ValDt>` +
      (e.bankRef ? `<AcctSvcrRef>${e.bankRef}</AcctSvcrRef>` : '') +
      bkTxCd(e.transactions.length === 1 ? e.transactions[0] : undefined, e.amountCents) +
      details +
      (e.transactions.length ? '' : '<AddtlNtryInf>Kontofuehrungsentgelt</AddtlNtryInf>') +
      `</Ntry>`
    );
  });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:${s.version}"><BkToCstmrStmt>`,
    `<GrpHdr><MsgId>MSG-${xmlText(s.statementRef)}</MsgId><CreDtTm>${s.to}T18:00:00</CreDtTm></GrpHdr>`,
    `<Stmt><Id>${xmlText(s.statementRef)}</Id>${s.seq !== undefined ? `<ElctrncSeqNb>${s.seq}</ElctrncSeqNb>` : ''}`,
    `<CreDtTm>${s.to}T18:00:00</CreDtTm><FrToDt><FrDtTm>${s.from}T00:00:00</FrDtTm><ToDtTm>${s.to}T23:59:59</ToDtTm></FrToDt>`,
    `<Acct><Id><IBAN>${s.iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>`,
    bal('PRCD', s.openingCents, s.from),
    bal('CLBD', closing, s.to),
    ...entries,
    `</Stmt></BkToCstmrStmt></Document>`,
  ].join('\n');
}

import { sepaAmount, toSepaText, xmlText } from '@dachwerk/shared';

export interface DirectDebitCreditor {
  name: string;
  iban: string;
  bic: string | null;
  creditorId: string;
}

export interface DirectDebit {
  endToEndId: string;
  amountCents: number;
  mandateRef: string;
  mandateSignedOn: string;
  /** FRST for a mandate never used before, RCUR after. */
  sequence: 'FRST' | 'RCUR';
  debtorName: string;
  debtorIban: string;
  debtorBic: string | null;
  remittance: string;
}

export interface DirectDebitFile {
  messageId: string;
  createdAt: Date;
  collectionDate: string;
  creditor: DirectDebitCreditor;
  debits: DirectDebit[];
}

const agent = (bic: string | null) =>
  bic
    ? `<FinInstnId><BICFI>${bic}</BICFI></FinInstnId>`
    : `<FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId>`;

/** The payment-information id of a batch; the bank statement's batch entry names it. */
export const paymentInfoId = (messageId: string, sequence: string) => `${messageId}-${sequence}`;

/**
 * A SEPA Core direct-debit initiation, pain.008.001.08, under the DK rules: one
 * batch (PmtInf) per sequence type, batch booking, charges SLEV, amounts and
 * control sums from integer cents, texts in the SEPA character set.
 */
export function buildPain008(file: DirectDebitFile): string {
  const total = file.debits.reduce((s, d) => s + d.amountCents, 0);
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.008.001.08" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`,
    `<CstmrDrctDbtInitn><GrpHdr>`,
    `<MsgId>${xmlText(file.messageId)}</MsgId>`,
    `<CreDtTm>${file.createdAt.toISOString().slice(0, 19)}</CreDtTm>`,
    `<NbOfTxs>${file.debits.length}</NbOfTxs><CtrlSum>${sepaAmount(total)}</CtrlSum>`,
    `<InitgPty><Nm>${xmlText(toSepaText(file.creditor.name, 70))}</Nm></InitgPty></GrpHdr>`,
  ];
  for (const sequence of ['FRST', 'RCUR'] as const) {
    const debits = file.debits.filter((d) => d.sequence === sequence);
    if (!debits.length) continue;
    const sum = debits.reduce((s, d) => s + d.amountCents, 0);
    out.push(
      `<PmtInf><PmtInfId>${xmlText(paymentInfoId(file.messageId, sequence))}</PmtInfId><PmtMtd>DD</PmtMtd>`,
      `<BtchBookg>true</BtchBookg><NbOfTxs>${debits.length}</NbOfTxs><CtrlSum>${sepaAmount(sum)}</CtrlSum>`,
      `<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl><LclInstrm><Cd>CORE</Cd></LclInstrm><SeqTp>${sequence}</SeqTp></PmtTpInf>`,
      `<ReqdColltnDt>${file.collectionDate}</ReqdColltnDt>`,
      `<Cdtr><Nm>${xmlText(toSepaText(file.creditor.name, 70))}</Nm></Cdtr>`,
      `<CdtrAcct><Id><IBAN>${file.creditor.iban}</IBAN></Id></CdtrAcct>`,
      `<CdtrAgt>${agent(file.creditor.bic)}</CdtrAgt><ChrgBr>SLEV</ChrgBr>`,
      `<CdtrSchmeId><Id><PrvtId><Othr><Id>${file.creditor.creditorId}</Id><SchmeNm><Prtry>SEPA</Prtry></SchmeNm></Othr></PrvtId></Id></CdtrSchmeId>`,
    );
    for (const d of debits)
      out.push(
        `<DrctDbtTxInf><PmtId><EndToEndId>${xmlText(d.endToEndId)}</EndToEndId></PmtId>`,
        `<InstdAmt Ccy="EUR">${sepaAmount(d.amountCents)}</InstdAmt>`,
        `<DrctDbtTx><MndtRltdInf><MndtId>${xmlText(d.mandateRef)}</MndtId><DtOfSgntr>${d.mandateSignedOn}</DtOfSgntr></MndtRltdInf></DrctDbtTx>`,
        `<DbtrAgt>${agent(d.debtorBic)}</DbtrAgt>`,
        `<Dbtr><Nm>${xmlText(toSepaText(d.debtorName, 70) || 'Mitglied')}</Nm></Dbtr>`,
        `<DbtrAcct><Id><IBAN>${d.debtorIban}</IBAN></Id></DbtrAcct>`,
        `<RmtInf><Ustrd>${xmlText(toSepaText(d.remittance, 140))}</Ustrd></RmtInf></DrctDbtTxInf>`,
      );
    out.push(`</PmtInf>`);
  }
  out.push(`</CstmrDrctDbtInitn></Document>`);
  return out.join('\n');
}

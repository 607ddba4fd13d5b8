import { sepaAmount, toSepaText, xmlText } from '@dachwerk/shared';

export interface CreditTransfer {
  endToEndId: string;
  amountCents: number;
  creditorName: string;
  creditorIban: string;
  creditorBic: string | null;
  remittance: string;
}

export interface CreditTransferFile {
  messageId: string;
  createdAt: Date;
  executionDate: string;
  debtor: { name: string; iban: string; bic: string | null };
  transfers: CreditTransfer[];
}

/**
 * A SEPA credit-transfer initiation, pain.001.001.09, under the DK rules: one batch,
 * batch booking, charges SLEV, amounts and control sums from integer cents, texts in
 * the SEPA character set, BIC only where known.
 */
export function buildPain001(file: CreditTransferFile): string {
  const total = file.transfers.reduce((s, t) => s + t.amountCents, 0);
  const name = (text: string) => xmlText(toSepaText(text, 70) || 'Empfaenger');
  const out = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`,
    `<CstmrCdtTrfInitn><GrpHdr><MsgId>${xmlText(file.messageId)}</MsgId><CreDtTm>${file.createdAt.toISOString().slice(0, 19)}</CreDtTm>`,
    `<NbOfTxs>${file.transfers.length}</NbOfTxs><CtrlSum>${sepaAmount(total)}</CtrlSum><InitgPty><Nm>${name(file.debtor.name)}</Nm></InitgPty></GrpHdr>`,
    `<PmtInf><PmtInfId>${xmlText(file.messageId)}-1</PmtInfId><PmtMtd>TRF</PmtMtd><BtchBookg>true</BtchBookg>`,
    `<NbOfTxs>${file.transfers.length}</NbOfTxs><CtrlSum>${sepaAmount(total)}</CtrlSum><PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>`,
    `<ReqdExctnDt><Dt>${file.executionDate}</Dt></ReqdExctnDt><Dbtr><Nm>${name(file.debtor.name)}</Nm></Dbtr>`,
    `<DbtrAcct><Id><IBAN>${file.debtor.iban}</IBAN></Id></DbtrAcct>`,
    `<DbtrAgt><FinInstnId>${file.debtor.bic ? `<BICFI>${file.debtor.bic}</BICFI>` : '<Othr><Id>NOTPROVIDED</Id></Othr>'}</FinInstnId></DbtrAgt><ChrgBr>SLEV</ChrgBr>`,
  ];
  for (const t of file.transfers)
    out.push(
      `<CdtTrfTxInf><PmtId><EndToEndId>${xmlText(t.endToEndId)}</EndToEndId></PmtId><Amt><InstdAmt Ccy="EUR">${sepaAmount(t.amountCents)}</InstdAmt></Amt>`,
      t.creditorBic
        ? `<CdtrAgt><FinInstnId><BICFI>${t.creditorBic}</BICFI></FinInstnId></CdtrAgt>`
        : '',
      `<Cdtr><Nm>${name(t.creditorName)}</Nm></Cdtr><CdtrAcct><Id><IBAN>${t.creditorIban}</IBAN></Id></CdtrAcct>`,
      `<RmtInf><Ustrd>${xmlText(toSepaText(t.remittance, 140))}</Ustrd></RmtInf></CdtTrfTxInf>`,
    );
  out.push(`</PmtInf></CstmrCdtTrfInitn></Document>`);
  return out.join('\n');
}

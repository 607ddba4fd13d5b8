import { renderReceiptPdf, receiptIssuer, type ReceiptContent } from '@dachwerk/donations';
import { amountInGermanWords } from '@dachwerk/shared';
import { pdfText, repeatedWords } from '../../../../test/support/receipt-text';
import { CLUB, UMBRELLA } from './demo-data';

/**
 * Every demo organisation's purposes and exemption notices, through every kind of
 * receipt, read back from the PDF as a Finanzamt reads it.
 */
const ORGANISATIONS = [UMBRELLA, CLUB];
const YEAR = 2026;

function contentFor(
  org: (typeof ORGANISATIONS)[number],
  kind: ReceiptContent['kind'],
  over: Partial<ReceiptContent> = {},
): ReceiptContent {
  const n = org.exemptionNotice(YEAR);
  const items = [
    { receivedOn: '2026-03-02', amountCents: 10100, isWaiver: false, label: 'Geldzuwendung' },
    ...(kind === 'collective'
      ? [{ receivedOn: '2026-05-04', amountCents: 2100, isWaiver: false, label: 'Geldzuwendung' }]
      : []),
  ];
  const total = items.reduce((s, i) => s + i.amountCents, 0);
  return {
    number: `${YEAR}-000007`,
    kind,
    issuedOn: '2026-06-01',
    issuer: receiptIssuer({
      name: org.name,
      street: org.street,
      postalCode: org.postalCode,
      city: org.city,
      purposes: [...org.purposes],
      isMachineSigned: org.isReceiptMachineSigned,
    }),
    donor: {
      name: 'Jürgen Groß',
      street: 'Königstraße 1',
      postalCode: '70173',
      city: 'Stuttgart',
      country: 'DE',
    },
    totalCents: total,
    totalInWords: amountInGermanWords(total),
    ...(kind === 'collective'
      ? { period: { from: '2026-03-02', to: '2026-05-04' } }
      : { receivedOn: '2026-03-02' }),
    isWaiver: false,
    items,
    ...(kind === 'in_kind'
      ? {
          inKind: {
            item: 'Bürostuhl',
            age: '2 Jahre',
            condition: 'gut',
            purchasePriceCents: 20000,
            valueBasis: 'Kaufbeleg',
            isFromBusinessAssets: false,
          },
        }
      : {}),
    exemption:
      n.kind === 'freistellungsbescheid'
        ? {
            kind: n.kind,
            taxOffice: n.taxOffice,
            taxNumber: n.taxNumber,
            issuedOn: n.issuedOn,
            periodFrom: n.periodFrom!,
            periodTo: n.periodTo!,
          }
        : {
            kind: 'feststellung_60a',
            taxOffice: n.taxOffice,
            taxNumber: n.taxNumber,
            issuedOn: n.issuedOn,
          },
    replacesNumber: null,
    ...over,
  };
}

const SATZ_8 =
  'Es wird bestätigt, dass es sich nicht um Mitgliedsbeiträge handelt, deren Abzug nach § 10b Abs. 1 des Einkommensteuergesetzes ausgeschlossen ist.';

describe.each(ORGANISATIONS.map((o) => [o.name, o] as const))('receipts of %s', (_name, org) => {
  const kinds: ReceiptContent['kind'][] = ['money', 'collective', 'in_kind'];
  const place = org.exemptionNotice(YEAR).taxOffice.replace(/^Finanzamt /, '');

  it.each(kinds)(
    '%s: purposes and tax office read once, in the template’s sentences',
    async (kind) => {
      const { text } = await pdfText(await renderReceiptPdf(contentFor(org, kind)));
      expect(repeatedWords(text)).toEqual([]);
      expect(text).not.toMatch(/Förderung Förderung|Finanzamtes Finanzamt|Finanzamt Finanzamt/);
      for (const purpose of org.purposes) {
        const object = purpose.replace(/^Förderung /, '');
        expect(text).toContain(object);
        expect(text.split(object).length - 1).toBe(2);
      }
      expect(text).toContain(
        org.exemptionNotice(YEAR).kind === 'freistellungsbescheid'
          ? `wegen Förderung ${org.purposes[0].replace(/^Förderung /, '')}`
          : `vom Finanzamt ${place}`,
      );
      if (org.exemptionNotice(YEAR).kind === 'freistellungsbescheid')
        expect(text).toContain(`des Finanzamtes ${place}`);
      expect(text).toContain(`nur zur Förderung ${org.purposes[0].replace(/^Förderung /, '')}`);
    },
  );

  it.each(kinds)(
    '%s: the § 10b Abs. 1 Satz 8 EStG sentence exactly where membership fees are not deductible',
    async (kind) => {
      const { text } = await pdfText(await renderReceiptPdf(contentFor(org, kind)));
      const isSport = org.purposes.some((p) => p.includes('Sports'));
      expect(text.includes(SATZ_8)).toBe(isSport && kind !== 'in_kind');
    },
  );

  it('a voided receipt prints marked UNGÜLTIG with the day and reason, never as a Zweitschrift', async () => {
    const voided = { on: '2026-07-01', reason: 'Anschrift falsch', replacedBy: '2026-000008' };
    const { text } = await pdfText(await renderReceiptPdf(contentFor(org, 'money'), { voided }));
    expect(text).toContain('UNGÜLTIG');
    expect(text).toContain('storniert am 01.07.2026 (Grund: Anschrift falsch)');
    expect(text).toContain('ersetzt durch Nr. 2026-000008');
    expect(text).not.toContain('Zweitschrift');
    expect(repeatedWords(text)).toEqual([]);
    // Every page of a two-page collective receipt carries the marking across it.
    const collective = await pdfText(
      await renderReceiptPdf(contentFor(org, 'collective'), { voided }),
    );
    expect(collective.pages).toBe(2);
    expect(collective.text.split('UNGÜLTIG').length - 1).toBe(3);
    await expect(
      renderReceiptPdf(contentFor(org, 'money'), { voided, duplicate: true }),
    ).rejects.toThrow(/Zweitschrift/);
  });

  it('amounts in words: "einhundertein Euro", "einhundertzweiundzwanzig Euro"', async () => {
    const { text } = await pdfText(await renderReceiptPdf(contentFor(org, 'collective')));
    expect(text).toContain('einhundertzweiundzwanzig Euro');
    const single = await pdfText(await renderReceiptPdf(contentFor(org, 'money')));
    expect(single.text).toContain('einhundertein Euro');
    expect(single.text).not.toContain('einhunderteins');
  });
});

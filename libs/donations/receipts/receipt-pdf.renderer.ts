// Must come before pdfkit: pdfkit then reuses parsed fonts across documents.
import { embeddedFonts, germanAmount, germanDate } from '@dachwerk/shared';
import PDFDocument from 'pdfkit';
import type { ReceiptContent } from './receipt-content';
import { purposesAfterFoerderung, taxOfficePlace } from './receipt-wording';

/**
 * Renders a Zuwendungsbestätigung after the BMF templates (money, in kind, collective
 * with annex). Pure: content in, PDF out, with the embedded DejaVu font (umlauts).
 */
export const LIABILITY_NOTICE =
  'Hinweis: Wer vorsätzlich oder grob fahrlässig eine unrichtige Zuwendungsbestätigung erstellt oder veranlasst, dass ' +
  'Zuwendungen nicht zu den in der Zuwendungsbestätigung angegebenen steuerbegünstigten Zwecken verwendet werden, haftet ' +
  'für die entgangene Steuer (§ 10b Abs. 4 EStG, § 9 Abs. 3 KStG, § 9 Nr. 5 GewStG). Diese Bestätigung wird nicht als ' +
  'Nachweis für die steuerliche Berücksichtigung der Zuwendung anerkannt, wenn das Datum des Freistellungsbescheides ' +
  'länger als 5 Jahre bzw. das Datum der Feststellung der Einhaltung der satzungsmäßigen Voraussetzungen nach § 60a ' +
  'Abs. 1 AO länger als 3 Jahre seit Ausstellung des Bescheides zurückliegt (§ 63 Abs. 5 AO).';

export const MACHINE_NOTE =
  'Diese Zuwendungsbestätigung wurde maschinell erstellt und ist ohne Unterschrift gültig.';

const TITLES: Record<ReceiptContent['kind'], string> = {
  money: 'Bestätigung über Geldzuwendungen/Mitgliedsbeitrag',
  in_kind: 'Bestätigung über Sachzuwendungen',
  collective: 'Sammelbestätigung über Geldzuwendungen/Mitgliedsbeiträge',
};

/** The template's sentences with the purposes and the tax office fitted in (receipt-wording.ts). */
function exemptionText(c: ReceiptContent): string {
  const purposes = purposesAfterFoerderung(c.issuer.purposes);
  const e = c.exemption;
  const office = `${taxOfficePlace(e.taxOffice)}${e.taxNumber ? `, StNr. ${e.taxNumber}` : ''}`;
  return e.kind === 'freistellungsbescheid'
    ? `Wir sind wegen Förderung ${purposes} nach dem Freistellungsbescheid bzw. nach der Anlage zum Körperschaftsteuerbescheid ` +
        `des Finanzamtes ${office}, vom ${germanDate(e.issuedOn)} für den letzten Veranlagungszeitraum ` +
        `${germanDate(e.periodFrom)} bis ${germanDate(e.periodTo)} nach § 5 Abs. 1 Nr. 9 des Körperschaftsteuergesetzes von der ` +
        `Körperschaftsteuer und nach § 3 Nr. 6 des Gewerbesteuergesetzes von der Gewerbesteuer befreit.`
    : `Die Einhaltung der satzungsmäßigen Voraussetzungen nach den §§ 51, 59, 60 und 61 AO wurde vom Finanzamt ${office} ` +
        `mit Bescheid vom ${germanDate(e.issuedOn)} nach § 60a AO gesondert festgestellt. Wir fördern nach unserer Satzung ` +
        `folgende steuerbegünstigte Zwecke: Förderung ${purposes}.`;
}

/** The template's sentence for bodies whose members' fees are not deductible (§ 10b Abs. 1 Satz 8 EStG). */
export const NOT_AN_EXCLUDED_FEE =
  'Es wird bestätigt, dass es sich nicht um Mitgliedsbeiträge handelt, deren Abzug nach § 10b Abs. 1 des ' +
  'Einkommensteuergesetzes ausgeschlossen ist.';

/**
 * Money and collective receipts of a body under § 10b Abs. 1 Satz 8 EStG carry it (the
 * in-kind template has no such sentence). Receipts frozen before the decision was taken
 * from the purposes print it as they did: on receipts of membership fees.
 */
function printsNotAnExcludedFee(c: ReceiptContent): boolean {
  if (c.kind === 'in_kind') return false;
  return c.issuer.excludesFeeDeduction ?? !!c.isMembershipFee;
}

export interface RenderOptions {
  /** A reprint of a valid receipt, marked "Zweitschrift". */
  duplicate?: boolean;
  /** A voided receipt: marked "UNGÜLTIG" on every page with the day, the reason and the replacement. */
  voided?: { on: string; reason: string; replacedBy: string | null };
  /** Benchmarks only: 'builtin' uses Helvetica (no embedding), 'reparse' a fresh font copy per document. */
  fontMode?: 'embedded' | 'builtin' | 'reparse';
}

export function renderReceiptPdf(c: ReceiptContent, options: RenderOptions = {}): Promise<Buffer> {
  // A Zweitschrift says "this is valid, here is another copy": never true of a voided receipt.
  if (options.duplicate && options.voided)
    return Promise.reject(new Error('A voided receipt is never printed as a Zweitschrift'));
  const loaded = embeddedFonts();
  const { regular, bold } =
    options.fontMode === 'reparse'
      ? { regular: Buffer.from(loaded.regular), bold: Buffer.from(loaded.bold) }
      : loaded;
  const doc = new PDFDocument({
    size: 'A4',
    // A voided receipt is marked on every page once all pages exist.
    bufferPages: !!options.voided,
    margins: { top: 50, bottom: 40, left: 56, right: 56 },
    info: {
      Title: `Zuwendungsbestätigung ${c.number}`,
      Author: c.issuer.name,
      CreationDate: new Date(`${c.issuedOn}T12:00:00Z`),
    },
  });
  if (options.fontMode === 'builtin') {
    doc.registerFont('Body', 'Helvetica');
    doc.registerFont('Bold', 'Helvetica-Bold');
  } else {
    doc.registerFont('Body', regular);
    doc.registerFont('Bold', bold);
  }
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );
  const width = doc.page.width - 112;
  const small = (text: string) => doc.font('Body').fontSize(7.5).text(text, { width });
  const label = (text: string) =>
    doc.font('Body').fontSize(7.5).fillColor('#555555').text(text, { width }).fillColor('#000000');
  const value = (text: string) => doc.font('Bold').fontSize(10).text(text, { width }).moveDown(0.4);

  const voided = options.voided;
  if (voided) {
    const top = doc.y;
    doc
      .font('Bold')
      .fontSize(14)
      .fillColor('#B00020')
      .text(`UNGÜLTIG / storniert am ${germanDate(voided.on)} (Grund: ${voided.reason})`, {
        width,
        align: 'center',
      });
    doc
      .font('Bold')
      .fontSize(9)
      .text(
        voided.replacedBy
          ? `Diese Zuwendungsbestätigung gilt nicht; ersetzt durch Nr. ${voided.replacedBy}.`
          : 'Diese Zuwendungsbestätigung gilt nicht.',
        { width, align: 'center' },
      )
      .fillColor('#000000');
    // A frame around however many lines the reason takes.
    doc
      .rect(52, top - 6, width + 8, doc.y - top + 10)
      .lineWidth(2)
      .stroke('#B00020');
    doc.moveDown(1);
  }
  if (options.duplicate)
    doc
      .font('Bold')
      .fontSize(11)
      .fillColor('#B00020')
      .text('Zweitschrift', { align: 'right' })
      .fillColor('#000000');
  label('Aussteller (Bezeichnung und Anschrift der steuerbegünstigten Einrichtung)');
  value(`${c.issuer.name}, ${c.issuer.street}, ${c.issuer.postalCode} ${c.issuer.city}`);
  doc.font('Bold').fontSize(12).text(TITLES[c.kind], { width });
  small(
    'im Sinne des § 10b des Einkommensteuergesetzes an eine der in § 5 Abs. 1 Nr. 9 des Körperschaftsteuergesetzes ' +
      'bezeichneten Körperschaften, Personenvereinigungen oder Vermögensmassen',
  );
  doc
    .font('Body')
    .fontSize(8)
    .text(`Nr. ${c.number}${c.replacesNumber ? ` (ersetzt Nr. ${c.replacesNumber})` : ''}`, {
      width,
    })
    .moveDown(0.6);
  label('Name und Anschrift des Zuwendenden');
  value(
    `${c.donor.name}, ${c.donor.street}, ${c.donor.postalCode} ${c.donor.city}${c.donor.country !== 'DE' ? `, ${c.donor.country}` : ''}`,
  );
  label(
    `${c.kind === 'in_kind' ? 'Wert der Zuwendung' : c.kind === 'collective' ? 'Gesamtbetrag der Zuwendung' : 'Betrag der Zuwendung'} – in Ziffern –`,
  );
  value(germanAmount(c.totalCents));
  label('– in Buchstaben –');
  value(c.totalInWords);
  if (c.kind === 'collective' && c.period) {
    label('Zeitraum der Sammelbestätigung');
    value(`${germanDate(c.period.from)} bis ${germanDate(c.period.to)}`);
  } else if (c.receivedOn) {
    label('Tag der Zuwendung');
    value(germanDate(c.receivedOn));
  }
  if (c.kind === 'in_kind' && c.inKind) {
    label('Genaue Bezeichnung der Sachzuwendung mit Alter, Zustand, Kaufpreis usw.');
    value(
      [
        c.inKind.item,
        c.inKind.age && `Alter: ${c.inKind.age}`,
        c.inKind.condition && `Zustand: ${c.inKind.condition}`,
        c.inKind.purchasePriceCents !== null &&
          `Kaufpreis: ${germanAmount(c.inKind.purchasePriceCents)}`,
      ]
        .filter(Boolean)
        .join(', '),
    );
    small(
      c.inKind.isFromBusinessAssets
        ? '☒ Die Sachzuwendung stammt nach den Angaben des Zuwendenden aus dem Betriebsvermögen. Die Zuwendung wurde nach dem Wert der Entnahme (ggf. mit dem Buchwert) und nach der Umsatzsteuer, die auf die Entnahme entfällt, bewertet.'
        : '☒ Die Sachzuwendung stammt nach den Angaben des Zuwendenden aus dem Privatvermögen.',
    );
    small(
      `Geeignete Unterlagen, die zur Wertermittlung gedient haben, liegen vor: ${c.inKind.valueBasis}`,
    );
  } else if (c.kind === 'money') {
    small(
      `Es handelt sich um den Verzicht auf Erstattung von Aufwendungen: Ja ${c.isWaiver ? '☒' : '☐'}   Nein ${c.isWaiver ? '☐' : '☒'}`,
    );
  }
  doc.moveDown(0.5);
  small(exemptionText(c));
  doc.moveDown(0.3);
  small(
    `Es wird bestätigt, dass die Zuwendung nur zur Förderung ${purposesAfterFoerderung(c.issuer.purposes)} verwendet wird.`,
  );
  if (printsNotAnExcludedFee(c)) {
    doc.moveDown(0.3);
    small(NOT_AN_EXCLUDED_FEE);
  }
  if (c.kind === 'collective') {
    doc.moveDown(0.3);
    small(
      'Es wird bestätigt, dass über die in der Gesamtsumme enthaltenen Zuwendungen keine weiteren Bestätigungen, weder ' +
        'formelle Zuwendungsbestätigungen noch Beitragsquittungen o. ä., ausgestellt wurden und werden. Ob es sich um den ' +
        'Verzicht auf Erstattung von Aufwendungen handelt, ist der Anlage zur Sammelbestätigung zu entnehmen.',
    );
  }
  doc.moveDown(0.8);
  doc
    .font('Body')
    .fontSize(9)
    .text(`${c.issuer.city}, ${germanDate(c.issuedOn)}`, { width });
  small(c.issuer.isMachineSigned ? MACHINE_NOTE : '(Unterschrift des Zuwendungsempfängers)');
  doc.moveDown(0.8);
  doc.font('Body').fontSize(6.5).text(LIABILITY_NOTICE, { width });

  if (c.kind === 'collective') {
    doc.addPage();
    doc
      .font('Bold')
      .fontSize(11)
      .text(`Anlage zur Sammelbestätigung Nr. ${c.number}`, { width })
      .moveDown(0.6);
    const columns = [0, 110, 300, 390];
    const row = (cells: string[], font = 'Body') => {
      const y = doc.y;
      doc.font(font).fontSize(9);
      let bottom = y;
      cells.forEach((cell, i) => {
        const cellWidth = i === 3 ? width - columns[3] : columns[i + 1] - columns[i] - 8;
        doc.text(cell, 56 + columns[i], y, { width: cellWidth, align: i === 3 ? 'right' : 'left' });
        bottom = Math.max(bottom, doc.y);
      });
      doc.x = 56;
      doc.y = bottom + 3;
    };
    row(['Datum der Zuwendung', 'Art der Zuwendung', 'Verzicht', 'Betrag'], 'Bold');
    for (const item of c.items)
      row([
        germanDate(item.receivedOn),
        item.label,
        item.isWaiver ? 'ja' : 'nein',
        germanAmount(item.amountCents),
      ]);
    row(['Gesamtsumme', '', '', germanAmount(c.totalCents)], 'Bold');
  }
  if (voided) markEveryPageVoid(doc);
  doc.end();
  return done;
}

/**
 * "UNGÜLTIG" across every page, drawn last (over the text, translucent): no page of a
 * voided receipt can be copied without it.
 */
function markEveryPageVoid(doc: PDFKit.PDFDocument): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { width, height } = doc.page;
    doc
      .save()
      .rotate(-35, { origin: [width / 2, height / 2] })
      .font('Bold')
      .fontSize(96)
      .fillColor('#B00020')
      .fillOpacity(0.18)
      .text('UNGÜLTIG', 0, height / 2 - 48, { width, align: 'center', lineBreak: false })
      .restore();
  }
}

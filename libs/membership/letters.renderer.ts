import { a4Document, germanAmount, germanDate } from '@dachwerk/shared';

export interface Letter {
  recipient: string[];
  subject: string;
  paragraphs: string[];
  /** Table rows: description and amount in cents. */
  items: { text: string; amountCents: number }[];
  totalLabel: string;
}

export interface LetterBatch {
  sender: { name: string; street: string; postalCode: string; city: string };
  date: string;
  title: string;
  letters: Letter[];
}

/** Letters to members (pre-notification, dunning), one page each, in one printable PDF. Pure. */
export function renderLetters(batch: LetterBatch): Promise<Buffer> {
  const { doc, done } = a4Document({
    Title: batch.title,
    Author: batch.sender.name,
    CreationDate: new Date(`${batch.date}T12:00:00Z`),
  });
  const width = doc.page.width - 112;
  batch.letters.forEach((letter, i) => {
    if (i > 0) doc.addPage();
    const s = batch.sender;
    doc
      .font('Body')
      .fontSize(7)
      .fillColor('#555555')
      .text(`${s.name} · ${s.street} · ${s.postalCode} ${s.city}`, { width });
    doc.fillColor('#000000').moveDown(0.5).fontSize(10);
    for (const line of letter.recipient) doc.text(line, { width });
    doc.moveDown(2).text(`${s.city}, ${germanDate(batch.date)}`, { width, align: 'right' });
    doc.moveDown(1.5).font('Bold').fontSize(11).text(letter.subject, { width }).moveDown(1);
    doc.font('Body').fontSize(10);
    for (const p of letter.paragraphs) doc.text(p, { width }).moveDown(0.6);
    doc.moveDown(0.4);
    for (const item of letter.items) {
      const y = doc.y;
      doc.text(item.text, 56, y, { width: width - 100 });
      doc.text(germanAmount(item.amountCents), 56 + width - 100, y, { width: 100, align: 'right' });
    }
    const total = letter.items.reduce((sum, item) => sum + item.amountCents, 0);
    doc.moveDown(0.3).font('Bold');
    const y = doc.y;
    doc.text(letter.totalLabel, 56, y, { width: width - 100 });
    doc.text(germanAmount(total), 56 + width - 100, y, { width: 100, align: 'right' });
    doc
      .font('Body')
      .moveDown(2)
      .text('Mit freundlichen Grüßen', 56, doc.y, { width })
      .moveDown(0.5)
      .text(s.name, { width });
  });
  if (!batch.letters.length) doc.font('Body').fontSize(10).text('Keine Schreiben in diesem Lauf.');
  doc.end();
  return done;
}

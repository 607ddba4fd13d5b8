import { readFileSync } from 'node:fs';
import path from 'node:path';
// Must come before pdfkit: pdfkit then reuses parsed fonts across documents.
import './fontkit-cache';
import PDFDocument from 'pdfkit';

let fonts: { regular: Buffer; bold: Buffer } | undefined;

/**
 * DejaVu Sans, shipped with the dejavu-fonts-ttf package so umlauts render everywhere;
 * read from disk once per process and parsed once (fontkit-cache).
 */
export function embeddedFonts(): { regular: Buffer; bold: Buffer } {
  if (!fonts) {
    const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fonts = {
      regular: readFileSync(path.join(dir, 'DejaVuSans.ttf')),
      bold: readFileSync(path.join(dir, 'DejaVuSans-Bold.ttf')),
    };
  }
  return fonts;
}

/** An A4 document with the fonts 'Body' and 'Bold' registered, and a promise of its bytes. */
export function a4Document(info: PDFKit.DocumentInfo): {
  doc: PDFKit.PDFDocument;
  done: Promise<Buffer>;
} {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 40, left: 56, right: 56 },
    info,
  });
  const { regular, bold } = embeddedFonts();
  doc.registerFont('Body', regular);
  doc.registerFont('Bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );
  return { doc, done };
}

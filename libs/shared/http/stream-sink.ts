import type { Response } from 'express';

/** Where a streamed export goes; the HTTP response in production, a buffer in tests. */
export interface ExportSink {
  start(contentType: string, filename: string): void;
  /** Resolves when the consumer can take more (backpressure). */
  write(chunk: Buffer): Promise<void>;
  end(): void;
}

export function responseSink(res: Response): ExportSink {
  return {
    start(contentType, filename) {
      res.status(200);
      res.setHeader('Content-Type', contentType);
      res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    },
    write(chunk) {
      if (res.write(chunk)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const onClose = () => reject(new Error('client went away'));
        res.once('drain', () => {
          res.off('close', onClose);
          resolve();
        });
        res.once('close', onClose);
      });
    },
    end() {
      res.end();
    },
  };
}

/** A whole file as a download: status, type and the attachment's name in one place. */
export function sendDownload(
  res: Response,
  contentType: string,
  filename: string,
  content: Buffer,
): void {
  res
    .status(200)
    .type(contentType)
    .setHeader('Content-Disposition', `attachment; filename="${encodeURIComponent(filename)}"`)
    .send(content);
}

import { createHash } from 'node:crypto';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import {
  DocumentMissingError,
  DocumentStore,
  documentPath,
  sha256,
  StoredDocument,
} from './document-store';

export interface S3DocumentStoreOptions {
  bucket: string;
  /** Object keys start with this (e.g. `dachwerk/`), so one bucket can serve several installations. */
  prefix: string;
  /** Unset: AWS. Set for other S3-compatible stores (MinIO, Ceph, Hetzner, IONOS, …). */
  endpoint?: string;
  region: string;
  /** Unset: the SDK's default credential chain (environment, profile, instance role). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key` (most non-AWS stores). */
  forcePathStyle: boolean;
}

/**
 * Documents in an S3-compatible bucket (DOCUMENTS_STORE=s3), shared by every replica.
 * A PUT is atomic (the object is whole or absent) and checked by the store on arrival
 * (Content-MD5); the SHA-256 Postgres keeps is also kept as object metadata.
 */
export class S3DocumentStore extends DocumentStore {
  private readonly client: S3Client;

  constructor(private readonly options: S3DocumentStoreOptions) {
    super();
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials:
        options.accessKeyId && options.secretAccessKey
          ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
          : undefined,
      // Checksums only where an operation requires them: several S3-compatible stores
      // refuse the SDK's default CRC32 trailers. We send Content-MD5 instead.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
  }

  async put(relativePath: string, content: Buffer): Promise<StoredDocument> {
    const digest = sha256(content);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: this.key(relativePath),
        Body: content,
        ContentLength: content.length,
        ContentMD5: md5Base64(content),
        Metadata: { sha256: digest.toString('hex') },
      }),
    );
    return { path: relativePath, sha256: digest };
  }

  protected async read(relativePath: string): Promise<Buffer> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.options.bucket, Key: this.key(relativePath) }),
      );
      return Buffer.from(await object.Body!.transformToByteArray());
    } catch (error) {
      if (
        error instanceof NoSuchKey ||
        (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404)
      )
        throw new DocumentMissingError(relativePath);
      throw error;
    }
  }

  async *list(): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.options.bucket,
          Prefix: this.options.prefix || undefined,
          ContinuationToken: token,
        }),
      );
      for (const object of page.Contents ?? [])
        if (object.Key) yield object.Key.slice(this.options.prefix.length);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  override close(): void {
    this.client.destroy();
  }

  private key(relativePath: string): string {
    return `${this.options.prefix}${documentPath(relativePath)}`;
  }
}

/** MD5 only as the transport checksum every S3-compatible store verifies (Content-MD5). */
function md5Base64(content: Buffer): string {
  return createHash('md5').update(content).digest('base64');
}

import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { DocumentStore } from './document-store';
import { DocumentVerifier } from './document-verifier';
import { LocalDocumentStore } from './local-document-store';

/**
 * The store DOCUMENTS_STORE names, configured from the environment. The S3 client is
 * loaded only when it is used (it is large, and warns about Node versions at load).
 */
export async function documentStoreFromConfig(config: AppConfig): Promise<DocumentStore> {
  if (config.DOCUMENTS_STORE === 'local') return new LocalDocumentStore(config.DOCUMENTS_DIR);
  const { S3DocumentStore } = await import('./s3-document-store');
  return new S3DocumentStore({
    bucket: config.DOCUMENTS_S3_BUCKET!,
    prefix: config.DOCUMENTS_S3_PREFIX,
    endpoint: config.DOCUMENTS_S3_ENDPOINT,
    region: config.DOCUMENTS_S3_REGION,
    accessKeyId: config.DOCUMENTS_S3_ACCESS_KEY_ID,
    secretAccessKey: config.DOCUMENTS_S3_SECRET_ACCESS_KEY,
    forcePathStyle: config.DOCUMENTS_S3_FORCE_PATH_STYLE,
  });
}

@Injectable()
class DocumentStoreShutdown implements OnApplicationShutdown {
  constructor(@Inject(DocumentStore) private readonly store: DocumentStore) {}

  onApplicationShutdown(): void {
    this.store.close();
  }
}

@Global()
@Module({
  providers: [
    { provide: DocumentStore, inject: [APP_CONFIG], useFactory: documentStoreFromConfig },
    DocumentStoreShutdown,
    DocumentVerifier,
  ],
  exports: [DocumentStore, DocumentVerifier],
})
export class DocumentsModule {}

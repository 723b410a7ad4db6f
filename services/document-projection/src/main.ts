import 'reflect-metadata';
import { startDocumentProjection } from './app.setup';
import { loadDocumentProjectionConfig } from './config/document-projection.config';

startDocumentProjection(loadDocumentProjectionConfig()).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});

import 'reflect-metadata';
import { loadEnvironmentFile, runService } from '@partner-portal/internal-api';
import { startDocumentProjection } from './app.setup';
import { loadDocumentProjectionConfig } from './config/document-projection.config';

// The process's environment first, then .env (or ENV_FILE) for what it leaves unset.
loadEnvironmentFile();
runService('document-projection', () => startDocumentProjection(loadDocumentProjectionConfig()));

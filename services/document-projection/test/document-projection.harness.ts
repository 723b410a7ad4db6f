import type { INestApplication } from '@nestjs/common';
import { startServiceUnderTest, testServiceEnv, type ServiceUnderTest } from '@partner-portal/testing';
import { startDocumentProjection } from '../src/app.setup';
import { loadDocumentProjectionConfig } from '../src/config/document-projection.config';

/** document-projection on its own database and topics. */
export function startService(label: string): Promise<ServiceUnderTest> {
  return startServiceUnderTest(`dp-${label}`, (env) => startDocumentProjection(loadDocumentProjectionConfig(env)));
}

/** A second instance of the same service: same database, topics and consumer group. */
export function startSecondInstance(service: ServiceUnderTest): Promise<INestApplication> {
  return startDocumentProjection(loadDocumentProjectionConfig(testServiceEnv(service.env)));
}

import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../app.module';
import { loadGatewayConfig } from '../config/gateway.config';
import { createOpenApiDocument } from './openapi';

/**
 * The configuration the document is built with: fixed placeholders, never the environment's, so that the same code
 * always prints the same document. Nothing is contacted: the app is created but never initialized (no Kafka
 * producer connects, no issuer is discovered, nothing listens).
 */
const PLACEHOLDER_ISSUER = 'https://sign-in.example.invalid';
const PLACEHOLDER_ENV: NodeJS.ProcessEnv = {
  GATEWAY_API_TOKEN: 'placeholder-not-a-credential',
  KAFKA_BROKERS: 'kafka.example.invalid:9092',
  OIDC_ISSUER: PLACEHOLDER_ISSUER,
  OIDC_AUDIENCE: 'api://partner-portal',
  OIDC_CLIENT_ID: 'partner-portal',
};
const PLACEHOLDER_ENDPOINTS = {
  authorizationUrl: `${PLACEHOLDER_ISSUER}/authorize`,
  tokenUrl: `${PLACEHOLDER_ISSUER}/token`,
};

/** The value with the keys of every object in it sorted (arrays keep their order): a stable text to compare. */
export function withSortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withSortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, withSortedKeys((value as Record<string, unknown>)[key])]),
  );
}

/**
 * The gateway's OpenAPI document as `/api/docs-json` serves it, but built in memory without a running system and
 * with placeholder sign-in URLs, its keys sorted.
 */
export async function offlineOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadGatewayConfig(PLACEHOLDER_ENV);
  const app = await NestFactory.create(AppModule.register(config), {
    logger: new ConsoleLogger({ logLevels: ['error', 'fatal'] }),
    bodyParser: false,
    abortOnError: false,
  });
  try {
    return withSortedKeys(createOpenApiDocument(app, config, PLACEHOLDER_ENDPOINTS)) as OpenAPIObject;
  } finally {
    await app.close();
  }
}

// `node services/gateway/dist/docs/print-openapi.js > openapi.json` (after `npm run build`).
if (require.main === module) {
  offlineOpenApiDocument().then(
    (document) => process.stdout.write(`${JSON.stringify(document, null, 2)}\n`),
    (error: Error) => {
      console.error(error.stack ?? error.message);
      process.exit(1);
    },
  );
}

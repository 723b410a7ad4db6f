import { IsInt, IsString, Max, Min } from 'class-validator';
import { listVariable, loadServiceConfig, ServiceConfig } from '@partner-portal/internal-api';

/** The document-projection service's configuration, loaded once at boot from environment variables. */
export class DocumentProjectionConfig extends ServiceConfig {
  /** PROJECTION_PARTITIONS_CONCURRENTLY: partitions of `erp.documents` one instance projects at once. */
  @IsInt()
  @Min(1)
  @Max(12)
  partitionsConcurrently!: number;

  /** VIEWER_CACHE_MS: how long a membership's role and status are reused between requests (0: never). */
  @IsInt()
  @Min(0)
  @Max(10_000)
  viewerCacheMs!: number;

  /** DB_POOL_SIZE: connections to the database. */
  @IsInt()
  @Min(2)
  @Max(100)
  poolSize!: number;

  /**
   * CONNECTOR_WEBHOOK_TRUSTED_HOSTS: comma-separated host names or addresses a connector's webhook may reach although
   * they are private or plain http (a development receiver on 127.0.0.1); default none.
   */
  @IsString({ each: true })
  webhookTrustedHosts!: string[];
}

/** Reads and validates the configuration; throws one error naming every bad variable. */
export function loadDocumentProjectionConfig(env: NodeJS.ProcessEnv = process.env): DocumentProjectionConfig {
  return loadServiceConfig(
    DocumentProjectionConfig,
    env,
    { name: 'document-projection', port: 3104, database: 'document_projection' },
    {
      partitionsConcurrently: [
        'PROJECTION_PARTITIONS_CONCURRENTLY',
        Number(env.PROJECTION_PARTITIONS_CONCURRENTLY ?? 3),
      ],
      poolSize: ['DB_POOL_SIZE', Number(env.DB_POOL_SIZE ?? 12)],
      viewerCacheMs: ['VIEWER_CACHE_MS', Number(env.VIEWER_CACHE_MS ?? 1_000)],
      webhookTrustedHosts: [
        'CONNECTOR_WEBHOOK_TRUSTED_HOSTS',
        listVariable(env.CONNECTOR_WEBHOOK_TRUSTED_HOSTS).map((host) => host.toLowerCase()),
      ],
    },
  );
}

import type { Client } from 'pg';
import { ErpDocumentType } from '@partner-portal/contracts';
import { documentUpserted, type ErpPlace } from '@partner-portal/testing';

/** The statuses a document goes through, one per version: every applied version leaves one history row. */
const STATUSES = ['Open', 'Released', 'Shipped', 'Invoiced', 'Closed'];

/**
 * A connector's stream of sales orders: every document in version 1, then every document in version 2, and so on,
 * each version with its own status. What document-projection should end with is known exactly.
 */
export function documentStream(place: ErpPlace, documents: number, versions: number) {
  if (versions > STATUSES.length) throw new Error(`at most ${STATUSES.length} versions`);
  const events = Array.from({ length: versions }, (_, v) =>
    Array.from({ length: documents }, (_, d) =>
      documentUpserted(place, {
        documentNo: `SO-${String(d).padStart(6, '0')}`,
        documentType: ErpDocumentType.SalesOrder,
        partnerNo: `C${10_000 + (d % 50)}`,
        erpVersion: v + 1,
        status: STATUSES[v],
      }),
    ),
  ).flat();
  return { tenantId: place.tenantId, events, documents, versions, newestStatus: STATUSES[versions - 1] };
}

/** What document-projection's database holds of a stream, counted from the outside. */
export interface ProjectionCounts {
  documents: number;
  /** Documents at the newest version with its status. */
  newest: number;
  /** Status history rows: one per applied version. */
  changes: number;
  /** Documents whose history does not have exactly one row per version. */
  odd: number;
}

export async function projectionCounts(
  db: Client,
  stream: ReturnType<typeof documentStream>,
): Promise<ProjectionCounts> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS documents,
            count(*) FILTER (WHERE d.erp_version = $2 AND d.status = $3)::int AS newest,
            coalesce(sum(h.changes), 0)::int AS changes,
            count(*) FILTER (WHERE coalesce(h.changes, 0) <> $2)::int AS odd
       FROM document d
       LEFT JOIN (SELECT document_id, count(*) AS changes FROM document_status_history GROUP BY document_id) h
         ON h.document_id = d.id
      WHERE d.tenant_id = $1`,
    [stream.tenantId, stream.versions, stream.newestStatus],
  );
  return rows[0];
}

/** Applied versions of a tenant's documents so far (history rows; cheap enough to poll). */
export async function appliedChanges(db: Client, tenantId: string): Promise<number> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS n FROM document_status_history h JOIN document d ON d.id = h.document_id
      WHERE d.tenant_id = $1`,
    [tenantId],
  );
  return rows[0].n;
}

/** The counts a fully and exactly applied stream leaves. */
export function exactly(stream: ReturnType<typeof documentStream>): ProjectionCounts {
  return { documents: stream.documents, newest: stream.documents, changes: stream.events.length, odd: 0 };
}

/** A fault test's figures of a stream: what was sent, what never showed, what showed more than once. */
export function streamOutcome(stream: ReturnType<typeof documentStream>, counts: ProjectionCounts) {
  return {
    events: stream.events.length,
    lost: Math.max(0, stream.events.length - counts.changes),
    doubled: Math.max(0, counts.changes - stream.events.length),
  };
}

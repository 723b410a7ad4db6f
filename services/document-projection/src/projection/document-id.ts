import { createHash } from 'node:crypto';

/** What identifies an ERP document: its unique key in the read model. */
export interface DocumentIdentity {
  tenantId: string;
  environment: string;
  companyId: string;
  documentType: string;
  documentNo: string;
}

/** The namespace of document ids (a random constant: ids of other things derived from the same text differ). */
export const DOCUMENT_ID_NAMESPACE = '6f1d4c52-3b8e-4c1a-9f27-5d0e8a7b2c14';

/** An RFC 9562 version 5 UUID: SHA-1 of the namespace's bytes and the name, with version and variant bits set. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A document's id, derived from what identifies it, so that it is the same whenever and however the document is
 * projected (live or by a rebuild) and links to it keep working. JSON keeps the parts apart whatever they contain.
 */
export function documentId(d: DocumentIdentity): string {
  return uuidV5(
    JSON.stringify([d.tenantId, d.environment, d.companyId, d.documentType, d.documentNo]),
    DOCUMENT_ID_NAMESPACE,
  );
}

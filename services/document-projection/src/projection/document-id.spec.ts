import { documentId, uuidV5 } from './document-id';

const identity = {
  tenantId: 'tenant-a',
  environment: 'production',
  companyId: 'CRONUS',
  documentType: 'sales_order',
  documentNo: 'SO-1',
};

describe('document ids', () => {
  it('is an RFC 9562 version 5 UUID (the RFC example: www.example.com in the DNS namespace)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('gives a document the same id every time', () => {
    expect(documentId({ ...identity })).toBe(documentId(identity));
    expect(documentId(identity)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('gives documents that differ in any part of their key different ids', () => {
    const ids = new Set(
      [
        identity,
        { ...identity, tenantId: 'tenant-b' },
        { ...identity, environment: 'sandbox' },
        { ...identity, companyId: 'OTHER' },
        { ...identity, documentType: 'sales_invoice' },
        { ...identity, documentNo: 'SO-2' },
        // The parts do not run into each other.
        { ...identity, companyId: 'CRONUS|sales_order', documentType: '' },
      ].map(documentId),
    );
    expect(ids.size).toBe(7);
  });
});

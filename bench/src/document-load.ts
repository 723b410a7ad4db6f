import { Client } from 'pg';

/**
 * Loads a partner-facing read model straight into document-projection's table (benchmarks measure queries, not
 * the projection): `documents` sales orders, shipments and invoices spread over `partners` customers
 * `C10000`... (`C${10000 + n}`), dated over about three years, then VACUUM ANALYZE as after a normal load.
 */
export async function loadDocuments(
  databaseUrl: string,
  tenantId: string,
  documents: number,
  partners: number,
  progress: (line: string) => void,
): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const batch = 100_000;
    for (let start = 0; start < documents; start += batch) {
      await client.query(
        `INSERT INTO document (tenant_id, environment, company_id, document_type, document_no, partner_type, partner_no, view_type,
                               contact_no, status, document_date, currency_code, amount, amount_including_tax, lines, line_count, erp_version, id)
         SELECT $1, 'production', 'CRONUS', t.erp_type, 'D' || lpad(g::text, 8, '0'), 'customer', 'C' || (10000 + g % $2), t.view_type,
                'CT' || (g % 7), CASE WHEN g % 3 = 0 THEN 'Released' ELSE 'Open' END, date '2024-01-01' + (g % 1000),
                'EUR', 100 + g % 900, 121 + g % 900,
                '[{"lineNo":10000,"itemNo":"DESK","description":"ATHENS Desk","quantity":"2","unitCode":"PCS"}]'::jsonb, 1, 1,
                gen_random_uuid()
           FROM generate_series($3::int, $4::int) g
           CROSS JOIN LATERAL (SELECT (ARRAY['sales_order','sales_shipment','sales_invoice'])[1 + g % 3] AS erp_type,
                                      (ARRAY['purchase_order','warehouse_receipt','purchase_invoice'])[1 + g % 3] AS view_type) t`,
        [tenantId, partners, start, Math.min(documents, start + batch) - 1],
      );
      progress(`loaded ${Math.min(documents, start + batch)} documents`);
    }
    await client.query('VACUUM ANALYZE document');
  } finally {
    await client.end();
  }
}

export * from './erp-key';
export * from './erp-key.columns';
export * from './company.entity';
export * from './partner.entity';
export * from './contact.entity';
export * from './erp-mirror';
export * from './1763850000000-erp-mirror-tables.migration';

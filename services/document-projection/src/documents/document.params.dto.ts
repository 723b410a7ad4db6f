import { IsUUID } from 'class-validator';
import { TenantParams } from '@partner-portal/internal-api';

/** Path of one document. */
export class DocumentParams {
  @IsUUID()
  documentId!: string;
}

/** Path of one document of a tenant. */
export class TenantDocumentParams extends TenantParams {
  @IsUUID()
  documentId!: string;
}

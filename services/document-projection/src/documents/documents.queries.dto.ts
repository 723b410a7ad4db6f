import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsDateOnly, IsErpCode, PartnerType } from '@partner-portal/contracts';
import { TenantParams } from '@partner-portal/internal-api';

/** Sort orders of document lists. */
export const DOCUMENT_SORTS = ['date_desc', 'date_asc', 'number_asc', 'number_desc'] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];

/** Filters, order and page of a document list. */
export class ListDocumentsQuery {
  /** Partner routes: the type in the partner's words (`purchase_order`...); admin routes: the ERP's type. */
  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/, { message: 'type must be a document type such as purchase_order' })
  type?: string;

  @IsOptional()
  @IsString()
  @MaxLength(30)
  status?: string;

  /** Documents dated on or after this day. */
  @IsOptional()
  @IsDateOnly()
  from?: string;

  /** Documents dated on or before this day. */
  @IsOptional()
  @IsDateOnly()
  to?: string;

  /** The start of the document number or of the external document number. */
  @IsOptional()
  @IsString()
  @MaxLength(35)
  search?: string;

  @IsOptional()
  @IsIn(DOCUMENT_SORTS)
  sort: DocumentSort = 'date_desc';

  /** `nextCursor` of the previous page. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;
}

/** Admin filters on top: one partner. */
export class AdminListDocumentsQuery extends ListDocumentsQuery {
  @IsOptional()
  @IsEnum(PartnerType)
  partnerType?: PartnerType;

  @IsOptional()
  @IsErpCode()
  partnerNo?: string;
}

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

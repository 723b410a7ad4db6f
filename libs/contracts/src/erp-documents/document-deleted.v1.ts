import { IsEnum } from 'class-validator';
import { ErpDocumentType, PartnerType } from '../common/enums';
import { ErpScopeV1 } from '../common/erp-scope';
import { IsErpCode } from '../common/field-rules';
import { defineEvent, partnerKey } from '../event-definition';
import { Topics } from '../topics';

/** An ERP document was deleted. */
export class DocumentDeletedV1 extends ErpScopeV1 {
  @IsEnum(ErpDocumentType)
  documentType!: ErpDocumentType;

  @IsErpCode()
  documentNo!: string;

  @IsEnum(PartnerType)
  partnerType!: PartnerType;

  @IsErpCode()
  partnerNo!: string;
}

export const DocumentDeleted = defineEvent({
  type: 'DocumentDeleted',
  version: 1,
  topic: Topics.ErpDocuments,
  payload: DocumentDeletedV1,
  key: partnerKey,
});

import { IsOptional } from 'class-validator';
import { ErpScopeV1 } from '../common/erp-scope';
import { IsText } from '../common/field-rules';
import { companyKey, defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** A company (legal entity) of an ERP environment was created or changed. */
export class CompanyUpsertedV1 extends ErpScopeV1 {
  /** The company's name in the ERP. */
  @IsText(100)
  name!: string;

  /** The name to show, when it differs. */
  @IsOptional()
  @IsText(100)
  displayName?: string;
}

export const CompanyUpserted = defineEvent({
  type: 'CompanyUpserted',
  version: 1,
  topic: Topics.ErpMasterdata,
  payload: CompanyUpsertedV1,
  key: companyKey,
});

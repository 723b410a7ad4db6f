import { IsBoolean, IsOptional } from 'class-validator';
import { ErpScopeV1 } from '../common/erp-scope';
import { IsErpCode } from '../common/field-rules';
import { companyKey, defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** The portal's ERP extension was installed, upgraded or uninstalled. */
export class ExtensionStatusChangedV1 extends ErpScopeV1 {
  @IsBoolean()
  installed!: boolean;

  /** The extension's version, e.g. `1.4.0.0`. */
  @IsOptional()
  @IsErpCode()
  extensionVersion?: string;
}

export const ExtensionStatusChanged = defineEvent({
  type: 'ExtensionStatusChanged',
  version: 1,
  topic: Topics.ErpMasterdata,
  payload: ExtensionStatusChangedV1,
  key: companyKey,
});

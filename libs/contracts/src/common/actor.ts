import { IsIn, IsString, MaxLength, ValidateIf } from 'class-validator';

/** Who asked for something: a tenant administrator (by its identity subject) or the ERP itself. */
export class ActorV1 {
  /** `admin` for a signed-in administrator, `erp` for the ERP connector. */
  @IsIn(['admin', 'erp'])
  kind!: 'admin' | 'erp';

  /** The administrator's identity subject; required for `admin`. */
  @ValidateIf((actor: ActorV1) => actor.kind === 'admin')
  @IsString()
  @MaxLength(255)
  subject?: string;
}

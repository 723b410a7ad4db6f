import { IsIn, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';

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

/**
 * Who asked for something, version 2: as `ActorV1`, plus a partner's customer representative acting for its own
 * partner (issue 13: representatives invite their colleagues). Used by events that carry a requester in their
 * version 2; version 1 events keep `ActorV1`.
 */
export class ActorV2 {
  /** `admin` for a signed-in administrator, `erp` for the ERP connector, `partner` for a customer representative. */
  @IsIn(['admin', 'erp', 'partner'])
  kind!: 'admin' | 'erp' | 'partner';

  /** The administrator's or representative's identity subject; required for `admin` and `partner`. */
  @ValidateIf((actor: ActorV2) => actor.kind === 'admin' || actor.kind === 'partner')
  @IsString()
  @MaxLength(255)
  subject?: string;

  /** The membership the representative acted through; required for `partner`. */
  @ValidateIf((actor: ActorV2) => actor.kind === 'partner')
  @IsUUID()
  membershipId?: string;
}

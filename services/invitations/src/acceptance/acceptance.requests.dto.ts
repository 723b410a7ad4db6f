import { IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { NestedObject, SignedInIdentityV1 } from '@partner-portal/contracts';

/** The link's token. */
export class PreviewRequest {
  @IsString()
  @MinLength(20)
  @MaxLength(100)
  token!: string;
}

/** Accepting: the link's token or the typed registration code, and who signed in (verified by the gateway). */
export class AcceptRequest {
  @ValidateIf((r: AcceptRequest) => r.code === undefined)
  @IsString()
  @MinLength(20)
  @MaxLength(100)
  token?: string;

  /** `ABCDE-FGHJK`; case, spaces and the dash do not matter. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 -]{8,14}$/, { message: 'code must be the 10-character registration code' })
  code?: string;

  @NestedObject(() => SignedInIdentityV1)
  identity!: SignedInIdentityV1;
}

import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsEmailAddress, IsText } from './field-rules';

/** An external OpenID Connect identity: who signed in, as its issuer knows it. */
export class ExternalIdentityRefV1 {
  /** The issuer URL, e.g. `https://login.microsoftonline.com/<tenant>/v2.0`. */
  @IsString()
  @MaxLength(500)
  @Matches(/^https?:\/\/\S+$/, { message: '$property must be an http(s) URL' })
  issuer!: string;

  /** The subject the issuer gives the person (`sub`). */
  @IsString()
  @MaxLength(255)
  @Matches(/\S/, { message: '$property must not be blank' })
  subject!: string;
}

/** The identity that accepted an invitation, with what the token said about it. */
export class SignedInIdentityV1 extends ExternalIdentityRefV1 {
  @IsEmailAddress()
  email!: string;

  @IsOptional()
  @IsText(200)
  name?: string;
}

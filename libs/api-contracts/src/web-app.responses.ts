import { IsString, IsUrl } from 'class-validator';

/** How the web app signs in: at this issuer, as this public client (authorization code + PKCE), asking these scopes. */
export class ClientConfigResponse {
  @IsUrl({ require_tld: false, require_protocol: true })
  issuer!: string;

  @IsString()
  clientId!: string;

  /** Space-separated, as the authorization request takes them. */
  @IsString()
  scope!: string;
}

import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { PrincipalsService } from './principals.service';
import { ResolvePrincipalRequest } from './resolve-principal.request.dto';

/** The gateway resolves every signed-in identity here before it authorizes a request. */
@Controller('internal/principals')
export class PrincipalsController {
  constructor(private readonly principals: PrincipalsService) {}

  @Post('resolve')
  @HttpCode(200)
  resolve(@Body() body: ResolvePrincipalRequest) {
    return this.principals.resolve(body.issuer, body.subject, body.claims ?? {});
  }
}

import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { PreviewRequest } from '@partner-portal/api-contracts';
import { AcceptRequest } from './accept.request.dto';
import { AcceptanceService } from './acceptance.service';

/**
 * For the gateway's portal routes: the preview before sign-in, and acceptance with the signed-in identity. The
 * gateway rate-limits both; the code attempt limit is enforced here.
 */
@Controller('internal/invitations')
export class AcceptanceController {
  constructor(private readonly acceptance: AcceptanceService) {}

  @Post('preview')
  @HttpCode(200)
  preview(@Body() body: PreviewRequest) {
    return this.acceptance.preview(body.token);
  }

  @Post('accept')
  @HttpCode(200)
  accept(@Body() body: AcceptRequest) {
    return this.acceptance.accept(body);
  }
}

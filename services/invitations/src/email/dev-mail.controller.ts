import { Controller, Get, Inject, NotFoundException, Query } from '@nestjs/common';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { DevelopmentMailbox, MAIL_TRANSPORT, type MailTransport } from './mail-transport';

/** Filter of the development mailbox. */
export class DevMailQuery {
  @IsOptional()
  @IsString()
  @MaxLength(254)
  to?: string;
}

/**
 * The development mailbox (only with MAIL_TRANSPORT=development): what would have been sent, newest first. An
 * operator's tool: OPERATOR_API_TOKEN opens it, the gateway's credential does not.
 */
@Controller('internal/dev/mail')
export class DevMailController {
  constructor(@Inject(MAIL_TRANSPORT) private readonly transport: MailTransport) {}

  @Get()
  list(@Query() { to }: DevMailQuery) {
    if (!(this.transport instanceof DevelopmentMailbox))
      throw new NotFoundException('e-mails go to SendGrid; there is no development mailbox');
    return this.transport.list(to);
  }
}

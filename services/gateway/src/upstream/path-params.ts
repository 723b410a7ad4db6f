import { Injectable, type PipeTransform, type ArgumentMetadata } from '@nestjs/common';
import { InvalidInputException } from '@partner-portal/internal-api';

/** Checks a path segment before it goes into a service's URL; 400 naming it otherwise. */
@Injectable()
class PathParamPipe implements PipeTransform<string, string> {
  constructor(
    private readonly pattern: RegExp,
    private readonly reason: string,
  ) {}

  transform(value: string, metadata: ArgumentMetadata): string {
    if (!this.pattern.test(value)) {
      throw new InvalidInputException([{ field: metadata.data ?? 'path', reason: this.reason }]);
    }
    return value;
  }
}

/** A UUID path segment. */
export const UuidParam = new PathParamPipe(
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  'must be a UUID',
);

/** An ERP code path segment (environment, company, partner number): trimmed, 1 to 64 characters. */
export const ErpCodeParam = new PathParamPipe(/^\S(?:.{0,62}\S)?$/, 'must be an ERP code of 1 to 64 characters');

/** A partner type path segment. */
export const PartnerTypeParam = new PathParamPipe(
  /^(customer|vendor|3pl_customer)$/,
  'must be customer, vendor or 3pl_customer',
);

/** Encodes path segments into a service path. */
export const pathOf = (strings: TemplateStringsArray, ...values: string[]) =>
  strings.reduce((path, part, i) => path + part + (i < values.length ? encodeURIComponent(values[i]) : ''), '');

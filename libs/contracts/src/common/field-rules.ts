import {
  IsEmail,
  IsInt,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  buildMessage,
} from 'class-validator';

/** Composes several property decorators into one, applied in order. */
export function composeRules(...rules: PropertyDecorator[]): PropertyDecorator {
  return (target, propertyKey) => {
    for (const rule of rules) rule(target, propertyKey);
  };
}

/** Longest code the ERP shows (docs/events.md, "Conventions": at most 20 characters unless said otherwise). */
export const ERP_CODE_MAX_LENGTH = 20;

const TRIMMED = /^\S(?:[\s\S]*\S)?$/;

/** An ERP code (partner, contact, item, unit, document number...): trimmed, non-empty, at most `max` characters. */
export function IsErpCode(max = ERP_CODE_MAX_LENGTH): PropertyDecorator {
  return composeRules(
    IsString(),
    MaxLength(max),
    Matches(TRIMMED, { message: '$property must be trimmed and not empty' }),
  );
}

/** Free text such as a name or description: a non-blank string of at most `max` characters. */
export function IsText(max: number): PropertyDecorator {
  return composeRules(
    IsString(),
    MinLength(1),
    MaxLength(max),
    Matches(/\S/, { message: '$property must not be blank' }),
  );
}

/** An e-mail address of at most 254 characters (RFC 5321). */
export function IsEmailAddress(): PropertyDecorator {
  return composeRules(IsString(), MaxLength(254), IsEmail({}, { message: '$property must be an email address' }));
}

const DECIMAL = /^-?\d{1,15}(?:\.\d{1,6})?$/;

/** Money or a quantity as a decimal string (`"1234.50"`), never a float. */
export function IsDecimalString(): PropertyDecorator {
  return composeRules(
    IsString(),
    Matches(DECIMAL, { message: '$property must be a decimal string such as "1234.50"' }),
  );
}

/** ISO 4217 currency code, e.g. `EUR`. */
export function IsCurrencyCode(): PropertyDecorator {
  return Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO 4217 currency code such as "EUR"' });
}

/** ISO 3166-1 alpha-2 country code, e.g. `NL`. */
export function IsCountryCode(): PropertyDecorator {
  return Matches(/^[A-Z]{2}$/, { message: '$property must be an ISO 3166-1 alpha-2 country code such as "NL"' });
}

/** A language code as the ERP gives it: `en`, `nl`, `de`, optionally with a region (`en-GB`). */
export function IsLanguageCode(): PropertyDecorator {
  return Matches(/^[a-z]{2,3}(?:-[A-Z]{2})?$/, {
    message: '$property must be a language code such as "en" or "nl-BE"',
  });
}

/** Tenant id: `[a-z0-9-]{1,64}`. */
export function IsTenantId(): PropertyDecorator {
  return Matches(/^[a-z0-9-]{1,64}$/, { message: '$property must match [a-z0-9-]{1,64}' });
}

/** A non-negative safe integer (ERP row versions, counters). */
export function IsNonNegativeInteger(): PropertyDecorator {
  return composeRules(IsInt(), Min(0));
}

/** The shape of a date `YYYY-MM-DD` (whether it is a real calendar date, `isDateOnly` checks). */
export const DATE_ONLY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written `YYYY-MM-DD`. */
export function isDateOnly(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = DATE_ONLY_PATTERN.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** A calendar date `YYYY-MM-DD`. */
export function IsDateOnly(): PropertyDecorator {
  return ValidateBy({
    name: 'isDateOnly',
    validator: {
      validate: isDateOnly,
      defaultMessage: buildMessage((each) => `${each}$property must be a date written YYYY-MM-DD`),
    },
  });
}

/** The shape of an ISO-8601 UTC timestamp ending in `Z` (whether it is a real instant, `isUtcTimestamp` checks). */
export const UTC_TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

/** True when `value` is an ISO-8601 UTC timestamp ending in `Z`. */
export function isUtcTimestamp(value: unknown): boolean {
  return typeof value === 'string' && UTC_TIMESTAMP_PATTERN.test(value) && !Number.isNaN(Date.parse(value));
}

/** An ISO-8601 UTC timestamp with `Z`, e.g. `2026-01-31T12:00:00.000Z`. */
export function IsUtcTimestamp(): PropertyDecorator {
  return ValidateBy({
    name: 'isUtcTimestamp',
    validator: {
      validate: isUtcTimestamp,
      defaultMessage: buildMessage((each) => `${each}$property must be an ISO-8601 UTC timestamp ending in Z`),
    },
  });
}

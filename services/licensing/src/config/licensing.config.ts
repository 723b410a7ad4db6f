import { IsInt, Max, Min } from 'class-validator';
import { IsCurrencyCode, IsDecimalString } from '@partner-portal/contracts';
import { loadServiceConfig, ServiceConfig } from '@partner-portal/internal-api';

/** The licensing service's configuration, loaded once at boot from environment variables. */
export class LicensingConfig extends ServiceConfig {
  /** LICENSE_UNIT_PRICE: price of one partner user license in the default plan, a decimal string. */
  @IsDecimalString()
  defaultUnitPrice!: string;

  /** LICENSE_CURRENCY: currency of the default plan. */
  @IsCurrencyCode()
  defaultCurrency!: string;

  /** CHECKOUT_MAX_QUANTITY: most licenses one checkout may buy. */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  checkoutMaxQuantity!: number;
}

/** Reads and validates the configuration; throws one error naming every bad variable. */
export function loadLicensingConfig(env: NodeJS.ProcessEnv = process.env): LicensingConfig {
  return loadServiceConfig(
    LicensingConfig,
    env,
    { name: 'licensing', port: 3102, database: 'licensing' },
    {
      defaultUnitPrice: ['LICENSE_UNIT_PRICE', env.LICENSE_UNIT_PRICE ?? '12.50'],
      defaultCurrency: ['LICENSE_CURRENCY', env.LICENSE_CURRENCY ?? 'EUR'],
      checkoutMaxQuantity: ['CHECKOUT_MAX_QUANTITY', Number(env.CHECKOUT_MAX_QUANTITY ?? 10_000)],
    },
  );
}

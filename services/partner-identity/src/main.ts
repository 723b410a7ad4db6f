import 'reflect-metadata';
import { startPartnerIdentity } from './app.setup';
import { loadPartnerIdentityConfig } from './config/partner-identity.config';

startPartnerIdentity(loadPartnerIdentityConfig()).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});

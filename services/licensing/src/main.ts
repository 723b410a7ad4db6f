import 'reflect-metadata';
import { startLicensing } from './app.setup';
import { loadLicensingConfig } from './config/licensing.config';

startLicensing(loadLicensingConfig()).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});

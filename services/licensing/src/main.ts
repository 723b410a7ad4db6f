import 'reflect-metadata';
import { loadEnvironmentFile, runService } from '@partner-portal/internal-api';
import { startLicensing } from './app.setup';
import { loadLicensingConfig } from './config/licensing.config';

// The process's environment first, then .env (or ENV_FILE) for what it leaves unset.
loadEnvironmentFile();
runService('licensing', () => startLicensing(loadLicensingConfig()));

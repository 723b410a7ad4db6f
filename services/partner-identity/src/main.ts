import 'reflect-metadata';
import { loadEnvironmentFile, runService } from '@partner-portal/internal-api';
import { startPartnerIdentity } from './app.setup';
import { loadPartnerIdentityConfig } from './config/partner-identity.config';

// The process's environment first, then .env (or ENV_FILE) for what it leaves unset.
loadEnvironmentFile();
runService('partner-identity', () => startPartnerIdentity(loadPartnerIdentityConfig()));

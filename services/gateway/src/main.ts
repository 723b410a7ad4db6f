import 'reflect-metadata';
import { loadEnvironmentFile, runService } from '@partner-portal/internal-api';
import { startGateway } from './app.setup';
import { loadGatewayConfig } from './config/gateway.config';

// The process's environment first, then .env (or ENV_FILE) for what it leaves unset.
loadEnvironmentFile();
runService('gateway', () => startGateway(loadGatewayConfig()));

import 'reflect-metadata';
import { loadEnvironmentFile } from '@partner-portal/internal-api';
import { startGateway } from './app.setup';
import { loadGatewayConfig } from './config/gateway.config';

// The process's environment first, then .env (or ENV_FILE) for what it leaves unset.
loadEnvironmentFile();
startGateway(loadGatewayConfig()).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});

import 'reflect-metadata';
import { startGateway } from './app.setup';
import { loadGatewayConfig } from './config/gateway.config';

startGateway(loadGatewayConfig()).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});

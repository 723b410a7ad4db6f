import 'reflect-metadata';
import { startInvitations } from './app.setup';
import { loadInvitationsConfig } from './config/invitations.config';

startInvitations(loadInvitationsConfig()).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});

import 'reflect-metadata';
import { loadEnvironmentFile, runService } from '@partner-portal/internal-api';
import { startInvitations } from './app.setup';
import { loadInvitationsConfig } from './config/invitations.config';

// The process's environment first, then .env (or ENV_FILE) for what it leaves unset.
loadEnvironmentFile();
runService('invitations', () => startInvitations(loadInvitationsConfig()));

-- One database per service (docker-compose runs this once, on an empty data directory).
-- `npm run infra:up` creates the same list on the local server: infra/src/postgres.ts, SERVICE_DATABASES.
CREATE DATABASE partner_identity;
CREATE DATABASE licensing;
CREATE DATABASE invitations;
CREATE DATABASE document_projection;

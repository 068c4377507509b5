import type { FastifyInstance } from 'fastify';
import type { AppConfig } from './config';
import type { Database } from './db/database';
import authPlugin from './plugins/auth';
import configPlugin from './plugins/config';
import dbPlugin from './plugins/db';
import errorHandler from './plugins/error-handler';
import metricsPlugin from './plugins/metrics';
import modelFiles from './plugins/model-files';
import securityPlugin from './plugins/security';
import staticApp from './plugins/static-app';
import siteStreams from './sync/site-streams-plugin';
import authenticatedApi from './routes/api';
import clientConfigRoutes from './routes/client-config';
import devAuthRoutes from './routes/dev-auth';
import healthRoutes from './routes/health';
import liveEditing from './routes/yjs';
import auditService from './services/audit-service';
import interactionFinder from './services/interaction-finder';
import interactionsService from './services/interactions-service';
import liveRoomsService from './services/live-rooms-service';
import membersService from './services/members-service';
import orgAdminsService from './services/org-admins-service';
import replicationService from './services/replication-service';
import sitesService from './services/sites-service';
import usersService from './services/users-service';

export interface AppOptions {
  config: AppConfig;
  /** Use this database instead of opening the configured one (tests share one across apps). */
  database?: Database;
}

// Every service plugin of services/, in the folder's order. Each names what it depends on, so a
// service listed before one it needs stops the boot with the missing name rather than failing later.
export const SERVICE_PLUGINS = [
  auditService,
  interactionFinder,
  interactionsService,
  liveRoomsService,
  membersService,
  orgAdminsService,
  replicationService,
  sitesService,
  usersService
];

/**
 * The whole server as one plugin, so tests can build it on port 0 exactly as production does.
 * Load order: infrastructure, then services, then routes.
 */
export default async function app(fastify: FastifyInstance, options: AppOptions): Promise<void> {
  await fastify.register(configPlugin, { config: options.config });
  await fastify.register(errorHandler);
  await fastify.register(metricsPlugin);
  await fastify.register(securityPlugin);
  await fastify.register(dbPlugin, { database: options.database });
  await fastify.register(siteStreams);

  for (const service of SERVICE_PLUGINS) await fastify.register(service);
  // Identity is a service's client (the users service), and every route below depends on it.
  await fastify.register(authPlugin);

  await fastify.register(healthRoutes);
  await fastify.register(clientConfigRoutes);
  await fastify.register(devAuthRoutes);
  await fastify.register(authenticatedApi);
  await fastify.register(liveEditing);
  await fastify.register(modelFiles);
  await fastify.register(staticApp);
}

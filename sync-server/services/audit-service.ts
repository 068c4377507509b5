import fp from 'fastify-plugin';
import type { Database } from '../db/database';
import { listAudit, type AuditRow } from '../repositories/audit-repository';
import type { Actor } from './actor';
import { requireOrgAdmin, requireSiteAdministration } from './site-access';

declare module 'fastify' {
  interface FastifyInstance {
    audit: AuditService;
  }
}

export interface AuditPage {
  entries: AuditEntry[];
  /** The `before` that reads the next page; null on the last one. */
  next: string | null;
}

export type AuditEntry = Omit<AuditRow, 'actor'> & { actor: { userId: string | null; name: string; email: string | null } };

export interface AuditQuery {
  before?: string;
  limit: number;
}

/** The administration audit log, newest first, read by site admins for their site and by organisation administrators for all. */
export interface AuditService {
  listSite(actor: Actor, siteId: string, query: AuditQuery): Promise<AuditPage>;
  listAll(actor: Actor, query: AuditQuery): Promise<AuditPage>;
}

// Entries made with `npm run admin` have no actor: they are shown as the command line's.
const COMMAND_LINE = 'Command line';

export function createAuditService(db: Database): AuditService {
  async function page(query: AuditQuery & { siteId?: string }): Promise<AuditPage> {
    // One more than asked tells whether another page follows without a count.
    const rows = await listAudit(db, { ...query, limit: query.limit + 1 });
    const entries = rows.slice(0, query.limit).map(
      (row): AuditEntry => ({ ...row, actor: row.actor.userId ? { ...row.actor, name: row.actor.name ?? '' } : { userId: null, name: COMMAND_LINE, email: null } })
    );
    return { entries, next: rows.length > query.limit ? entries[entries.length - 1].id : null };
  }

  return {
    async listSite({ userId }, siteId, query) {
      await requireSiteAdministration(db, { userId, siteId, action: 'readAudit' });
      return page({ ...query, siteId });
    },
    async listAll({ userId }, query) {
      await requireOrgAdmin(db, userId);
      return page(query);
    }
  };
}

export default fp(
  async (app) => {
    app.decorate('audit', createAuditService(app.db));
  },
  { name: 'audit-service', dependencies: ['db'] }
);

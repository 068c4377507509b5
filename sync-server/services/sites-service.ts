import fp from 'fastify-plugin';
import {
  SITE_ADMIN_SETTINGS,
  SITE_SETTING_NAMES,
  SiteSettingsSchema,
  adminMessages,
  retireTypes,
  uuidv7,
  validateSiteSettings,
  type FieldError,
  type SiteSettings
} from '../../src/lib/domain';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../http-errors';
import { insertAudit } from '../repositories/audit-repository';
import { upsertMembership } from '../repositories/memberships-repository';
import {
  findSite,
  insertSite,
  listManagedSites,
  setSiteArchived,
  updateSite,
  type ManagedSiteRow,
  type SiteChanges
} from '../repositories/sites-repository';
import { isOrgAdmin } from '../repositories/users-repository';
import type { Actor } from './actor';
import { requireOrgAdmin, requireSiteAdministration, siteNotFound } from './site-access';

declare module 'fastify' {
  interface FastifyInstance {
    sites: SitesService;
  }
}

export interface SitesService {
  /** Every site, archived ones included: organisation administrators only. */
  listAll(actor: Actor): Promise<ManagedSiteRow[]>;
  /** The sites the caller may manage: all for an organisation administrator, else live ones where they are admin. */
  listManaged(actor: Actor): Promise<ManagedSiteRow[]>;
  settings(actor: Actor, siteId: string): Promise<ManagedSiteRow>;
  create(actor: Actor, input: unknown): Promise<ManagedSiteRow>;
  update(actor: Actor, siteId: string, input: unknown): Promise<ManagedSiteRow>;
  setArchived(actor: Actor, siteId: string, archived: boolean): Promise<ManagedSiteRow>;
}

export function createSitesService(db: Database): SitesService {
  async function managed(userId: string, siteId: string, tx: Queryable = db): Promise<ManagedSiteRow> {
    const [site] = await listManagedSites(tx, { userId, adminOnly: false, siteId });
    if (!site) throw siteNotFound();
    return site;
  }

  return {
    async listAll({ userId }) {
      await requireOrgAdmin(db, userId);
      return listManagedSites(db, { userId, adminOnly: false });
    },

    async listManaged({ userId }) {
      if (await isOrgAdmin(db, userId)) return listManagedSites(db, { userId, adminOnly: false });
      const sites = await listManagedSites(db, { userId, adminOnly: true });
      return sites.filter((site) => site.archivedAt === null);
    },

    async settings({ userId }, siteId) {
      await requireSiteAdministration(db, { userId, siteId, action: 'manageMembers' });
      return managed(userId, siteId);
    },

    async create({ userId }, input) {
      await requireOrgAdmin(db, userId);
      const result = validateSiteSettings(input);
      if (!result.ok) throw invalid(result.errors);
      const id = uuidv7();
      const settings = result.value;
      return db.transaction(async (tx) => {
        await insertSite(tx, { id, ...settings, description: settings.description ?? null });
        // The creator becomes the site's first admin, so the site can be run from the start.
        await upsertMembership(tx, id, userId, 'admin');
        await insertAudit(tx, { siteId: id, actorId: userId, action: 'site.created', details: { ...settings } });
        return managed(userId, id, tx);
      });
    },

    async update({ userId }, siteId, input) {
      const result = validateSiteSettings(input, { partial: true });
      const access = await requireSiteAdministration(db, { userId, siteId, action: 'manageTypes' });
      if (!access.orgAdmin) {
        const given = typeof input === 'object' && input !== null ? Object.keys(input) : [];
        const forbidden = SITE_SETTING_NAMES.filter((name) => given.includes(name) && !SITE_ADMIN_SETTINGS.includes(name));
        if (forbidden.length > 0) {
          const label = String(SiteSettingsSchema.properties[forbidden[0]].title);
          throw new HttpError(403, 'ROLE_FORBIDDEN', adminMessages.orgAdminOnlyField(label));
        }
      }
      if (!result.ok) throw invalid(result.errors);
      return db.transaction(async (tx) => {
        const before = await findSite(tx, siteId, { forUpdate: true });
        if (!before) throw siteNotFound();
        const changes: SiteChanges = {};
        const described: { field: string; from: unknown; to: unknown }[] = [];
        for (const name of ['name', 'description', 'timeZone'] as const) {
          const to = result.value[name];
          if (to !== undefined && to !== before[name]) {
            Object.assign(changes, { [name]: to });
            described.push({ field: name, from: before[name], to });
          }
        }
        if (described.length > 0) {
          await insertAudit(tx, { siteId, actorId: userId, action: 'site.updated', details: { changes: described } });
        }
        const types = result.value.interactionTypes;
        if (types && !sameList(types, before.interactionTypes)) {
          changes.interactionTypes = types;
          changes.retiredInteractionTypes = retireTypes(before.interactionTypes, types, before.retiredInteractionTypes);
          await insertAudit(tx, { siteId, actorId: userId, action: 'site.types-changed', details: typeChange(before.interactionTypes, types) });
        }
        await updateSite(tx, siteId, changes);
        return managed(userId, siteId, tx);
      });
    },

    async setArchived({ userId }, siteId, archived) {
      await requireSiteAdministration(db, { userId, siteId, action: 'administerOrganisation' });
      return db.transaction(async (tx) => {
        const before = await findSite(tx, siteId, { forUpdate: true });
        if (!before) throw siteNotFound();
        // Archiving an archived site (or restoring a live one) changes nothing and is not logged.
        if ((before.archivedAt !== null) !== archived) {
          await setSiteArchived(tx, siteId, archived);
          await insertAudit(tx, { siteId, actorId: userId, action: archived ? 'site.archived' : 'site.restored' });
        }
        return managed(userId, siteId, tx);
      });
    }
  };
}

function invalid(errors: FieldError[]): HttpError {
  return new HttpError(400, 'VALIDATION_FAILED', 'Some fields are not valid.', errors);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function typeChange(before: SiteSettings['interactionTypes'], after: SiteSettings['interactionTypes']) {
  return {
    added: after.filter((type) => !before.includes(type)),
    removed: before.filter((type) => !after.includes(type)),
    from: before,
    to: after
  };
}

export default fp(
  async (app) => {
    app.decorate('sites', createSitesService(app.db));
  },
  { name: 'sites-service', dependencies: ['db'] }
);

import type { Database } from '../db/database';
import { insertAudit } from '../repositories/audit-repository';
import { hasPendingFor, takeInvitationsFor, takeOrgAdminInvitation } from '../repositories/invitations-repository';
import { findRoleInSite, upsertMembership } from '../repositories/memberships-repository';
import { setOrgAdmin, type UserRow } from '../repositories/users-repository';

/**
 * Turns what waits for the user's (verified) address into access: site invitations become
 * memberships, a pending organisation administration grant sets the flag. Each is taken (deleted)
 * in the same transaction, so two sign-ins at once bind it once.
 */
export async function bindPendingGrants(db: Database, user: UserRow): Promise<void> {
  if (!(await hasPendingFor(db, user.email))) return;
  await db.transaction(async (tx) => {
    for (const invitation of await takeInvitationsFor(tx, user.email)) {
      // A role given since the invitation was made (an admin added them directly) is kept.
      if (!(await findRoleInSite(tx, user.id, invitation.siteId))) {
        await upsertMembership(tx, invitation.siteId, user.id, invitation.role);
      }
      await insertAudit(tx, {
        siteId: invitation.siteId,
        actorId: user.id,
        action: 'invitation.accepted',
        subjectUserId: user.id,
        subjectEmail: user.email,
        details: { role: invitation.role }
      });
    }
    if ((await takeOrgAdminInvitation(tx, user.email)) && (await setOrgAdmin(tx, user.id, true))) {
      await insertAudit(tx, {
        siteId: null,
        actorId: user.id,
        action: 'org-admin.granted',
        subjectUserId: user.id,
        subjectEmail: user.email,
        details: { boundAtSignIn: true }
      });
    }
  });
}

import type { AuditAction } from '../../src/lib/domain';
import type { Queryable } from '../db/database';

export interface AuditWrite {
  siteId: string | null;
  /** Null when the command line did it. */
  actorId: string | null;
  action: AuditAction;
  subjectUserId?: string | null;
  subjectEmail?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRow {
  id: string;
  siteId: string | null;
  siteName: string | null;
  action: AuditAction;
  actor: { userId: string | null; name: string | null; email: string | null };
  subject: { userId?: string; email?: string; name?: string } | null;
  details: Record<string, unknown>;
  at: string;
}

export async function insertAudit(db: Queryable, entry: AuditWrite): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (site_id, actor_id, action, subject_user_id, subject_email, details)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
    [
      entry.siteId,
      entry.actorId,
      entry.action,
      entry.subjectUserId ?? null,
      entry.subjectEmail ?? null,
      JSON.stringify(entry.details ?? {})
    ]
  );
}

/**
 * A page of the log, newest first: one site's entries, or (siteId undefined) every entry, the
 * organisation's own (site null) included. `before` is the id of the last entry of the previous page.
 */
export async function listAudit(
  db: Queryable,
  query: { siteId?: string; before?: string; limit: number }
): Promise<AuditRow[]> {
  const params: unknown[] = [query.limit];
  const conditions: string[] = [];
  if (query.siteId !== undefined) conditions.push(`a.site_id = $${params.push(query.siteId)}`);
  if (query.before !== undefined) conditions.push(`a.id < $${params.push(query.before)}::bigint`);
  const { rows } = await db.query<AuditRow>(
    `SELECT a.id::text AS id, a.site_id AS "siteId", s.name AS "siteName", a.action,
            json_build_object('userId', actor.id, 'name', actor.name, 'email', actor.email) AS actor,
            CASE WHEN a.subject_user_id IS NULL AND a.subject_email IS NULL THEN NULL
                 ELSE json_strip_nulls(json_build_object('userId', a.subject_user_id,
                        'email', coalesce(subject.email, a.subject_email), 'name', subject.name)) END AS subject,
            a.details, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
       FROM audit_log a
       LEFT JOIN sites s ON s.id = a.site_id
       LEFT JOIN users actor ON actor.id = a.actor_id
       LEFT JOIN users subject ON subject.id = a.subject_user_id
      ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY a.id DESC
      LIMIT $1`,
    params
  );
  return rows;
}

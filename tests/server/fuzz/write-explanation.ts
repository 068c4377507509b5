import type { Answer } from './http-answer';
import type { FuzzRequest } from './http-request';

/** The records and memberships an accepted write may have changed. */
export interface Explained {
  interactions: Set<string>;
  memberships: Set<string>;
}

/**
 * What a request was allowed to change: nothing unless it is a write the server accepted (2xx),
 * then only the record or membership it names, for a push only the documents not refused, for a
 * new site only its first admin's membership, and for an invitation the member it added at once.
 */
export function explainedBy(request: FuzzRequest, answer: Answer): Explained {
  const explained: Explained = { interactions: new Set(), memberships: new Set() };
  if (answer.status < 200 || answer.status >= 300) return explained;
  const params = paramsOf(request);
  switch (request.route) {
    case 'POST /api/interactions':
      explained.interactions.add(String((JSON.parse(answer.body) as { id: string }).id).toLowerCase());
      break;
    case 'PATCH /api/interactions/:id':
    case 'DELETE /api/interactions/:id':
      explained.interactions.add(params.id.toLowerCase());
      break;
    case 'POST /api/sync/:siteId/push': {
      const refused = new Set((JSON.parse(answer.body) as { refused: { id: string }[] }).refused.map(({ id }) => id));
      // Any row may be malformed (each is checked on its own); only a well-formed id can be stored.
      for (const row of JSON.parse(String(request.payload)) as unknown[]) {
        const id = (row as { newDocumentState?: { id?: unknown } } | null)?.newDocumentState?.id;
        if (typeof id === 'string' && !refused.has(id)) explained.interactions.add(id.toLowerCase());
      }
      break;
    }
    case 'PUT /api/sites/:siteId/members/:userId':
    case 'DELETE /api/sites/:siteId/members/:userId':
      explained.memberships.add(`${params.siteId}/${params.userId}`.toLowerCase());
      break;
    case 'POST /api/sites': {
      const site = JSON.parse(answer.body) as { id: string; admins: { userId: string }[] };
      for (const admin of site.admins) explained.memberships.add(`${site.id}/${admin.userId}`.toLowerCase());
      break;
    }
    case 'POST /api/sites/:siteId/invitations': {
      // An address that already has an account is made a member at once, and the answer says whom.
      const outcome = JSON.parse(answer.body) as { outcome: string; member?: { userId: string } };
      if (outcome.outcome === 'added' && outcome.member) explained.memberships.add(`${params.siteId}/${outcome.member.userId}`.toLowerCase());
      break;
    }
  }
  return explained;
}

/** The path parameters of a request, read against its route's pattern. */
function paramsOf(request: FuzzRequest): Record<string, string> {
  const pattern = request.route.split(' ')[1].split('/');
  const segments = request.url.split('?')[0].split('/');
  const params: Record<string, string> = {};
  pattern.forEach((part, index) => {
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(segments[index] ?? '');
  });
  return params;
}

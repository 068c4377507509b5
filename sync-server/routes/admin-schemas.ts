import { Type } from '@sinclair/typebox';
import { AUDIT_ACTIONS, EMAIL_MAX_LENGTH } from '../../src/lib/domain';
import { RoleSchema } from './schemas';

/** The shapes of the administration routes (contract of issue 14). */

const UserSummary = Type.Object({ userId: Type.String(), email: Type.String(), name: Type.String() });

export const ManagedSite = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  timeZone: Type.String(),
  interactionTypes: Type.Array(Type.String()),
  retiredInteractionTypes: Type.Array(Type.String()),
  archivedAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  admins: Type.Array(UserSummary),
  memberCount: Type.Integer(),
  role: Type.Union([RoleSchema, Type.Null()])
});

export const Member = Type.Object({ userId: Type.String(), email: Type.String(), name: Type.String(), role: RoleSchema });

export const Invitation = Type.Object({
  id: Type.String(),
  siteId: Type.String(),
  email: Type.String(),
  role: RoleSchema,
  invitedBy: Type.Object({ userId: Type.String(), name: Type.String() }),
  createdAt: Type.String()
});

/** Checked again, with the domain's words, by the service (isEmailAddress); this bounds the size. */
export const EmailField = Type.String({ title: 'Email', minLength: 1, maxLength: EMAIL_MAX_LENGTH });

export const AuditEntry = Type.Object({
  id: Type.String(),
  siteId: Type.Union([Type.String(), Type.Null()]),
  siteName: Type.Union([Type.String(), Type.Null()]),
  action: Type.Union(AUDIT_ACTIONS.map((action) => Type.Literal(action))),
  actor: Type.Object({
    userId: Type.Union([Type.String(), Type.Null()]),
    name: Type.String(),
    email: Type.Union([Type.String(), Type.Null()])
  }),
  subject: Type.Union([
    Type.Object({ userId: Type.Optional(Type.String()), email: Type.Optional(Type.String()), name: Type.Optional(Type.String()) }),
    Type.Null()
  ]),
  details: Type.Object({}, { additionalProperties: true }),
  at: Type.String()
});

export const AuditPage = Type.Object({ entries: Type.Array(AuditEntry), next: Type.Union([Type.String(), Type.Null()]) });

export const AuditQuery = Type.Object(
  {
    before: Type.Optional(Type.String({ title: 'Before', pattern: '^[0-9]{1,18}$' })),
    limit: Type.Integer({ title: 'Limit', minimum: 1, maximum: 200, default: 50 })
  },
  { additionalProperties: false }
);

export const OrgAdministrators = Type.Object({
  administrators: Type.Array(UserSummary),
  pending: Type.Array(Type.Object({ email: Type.String(), createdAt: Type.String() }))
});

export const GrantOutcome = Type.Union([
  Type.Object({ outcome: Type.Literal('granted'), administrator: UserSummary }),
  Type.Object({ outcome: Type.Literal('pending'), email: Type.String() })
]);

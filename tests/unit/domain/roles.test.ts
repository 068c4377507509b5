import { describe, expect, it } from 'vitest';
import { ROLES, roleAllows, type Role, type SiteAction } from '$lib/domain';

const ACTIONS = {
  read: { action: 'read', isOwner: false },
  create: { action: 'create', isOwner: false },
  edit: { action: 'edit', isOwner: false },
  'delete own': { action: 'delete', isOwner: true },
  'delete other': { action: 'delete', isOwner: false },
  'manage members': { action: 'manageMembers', isOwner: false },
  'manage types': { action: 'manageTypes', isOwner: false },
  'read audit': { action: 'readAudit', isOwner: false }
} satisfies Record<string, { action: SiteAction; isOwner: boolean }>;
type ActionName = keyof typeof ACTIONS;

// DESIGN §3, written once: what each role may do in its site; everything else is refused.
const ALLOWED: Record<Role, ActionName[]> = {
  admin: ['read', 'create', 'edit', 'delete own', 'delete other', 'manage members', 'manage types', 'read audit'],
  user: ['read', 'create', 'edit', 'delete own'],
  viewer: ['read']
};

const cases = ROLES.flatMap((role) =>
  (Object.keys(ACTIONS) as ActionName[]).map((name) => {
    const expected = ALLOWED[role].includes(name);
    return { role, name, ...ACTIONS[name], expected, verdict: expected ? 'may' : 'may not' };
  })
);

describe('roleAllows', () => {
  it.each(cases)('$role $verdict $name', ({ role, action, isOwner, expected }) => {
    expect(roleAllows(role, action, isOwner)).toBe(expected);
  });

  it.each(cases.filter(({ action }) => action !== 'delete'))(
    '$role: whether they may $name does not depend on ownership',
    ({ role, action }) => {
      expect(roleAllows(role, action, true)).toBe(roleAllows(role, action, false));
    }
  );
});

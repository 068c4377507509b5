import { loadConfig } from '../config';
import type { Database } from '../db/database';
import { migrate } from '../db/migrations';
import { openDatabase } from '../db/open-database';
import { HttpError } from '../http-errors';
import { takeOrgAdminInvitation } from '../repositories/invitations-repository';
import { findUserByEmail } from '../repositories/users-repository';
import { createOrgAdminsService } from '../services/org-admins-service';

// `npm run admin -- grant <email> | revoke <email> | list`: organisation administrators without SQL,
// on the database the server uses (DATABASE_URL, or PGlite in DATA_DIR). The first administrator of
// a fresh deployment is granted this way; an address nobody has signed in with yet waits, and is
// bound at that person's first sign-in with it (verified). Entries in the audit log have no actor.

const USAGE = 'Usage: npm run admin -- grant <email> | revoke <email> | list';

async function run(db: Database, [command, email]: string[]): Promise<string> {
  const orgAdmins = createOrgAdminsService(db);
  switch (command) {
    case 'grant': {
      const outcome = await orgAdmins.grant(null, email);
      return outcome.outcome === 'granted'
        ? `${outcome.administrator.email} is an organisation administrator.`
        : `${outcome.email} will be an organisation administrator from their first sign-in.`;
    }
    case 'revoke': {
      const user = await findUserByEmail(db, email);
      if (user) {
        await orgAdmins.revoke(null, user.id);
        return `${user.email} is no longer an organisation administrator.`;
      }
      if (await takeOrgAdminInvitation(db, email)) return `The pending grant for ${email} is withdrawn.`;
      throw new HttpError(404, 'ADMINISTRATOR_NOT_FOUND', `Nobody with the address ${email} is, or is to be, an organisation administrator.`);
    }
    case 'list': {
      const { administrators, pending } = await orgAdmins.list(null);
      const lines = [
        `Organisation administrators (${administrators.length}):`,
        ...administrators.map((admin) => `  ${admin.email}  ${admin.name}`),
        `Pending, bound at first sign-in (${pending.length}):`,
        ...pending.map((grant) => `  ${grant.email}  since ${grant.createdAt}`)
      ];
      return lines.join('\n');
    }
    default:
      throw new UsageError();
  }
}

class UsageError extends Error {
  constructor() {
    super(USAGE);
  }
}

const args = process.argv.slice(2);
const config = loadConfig();
let db: Database | undefined;
try {
  const [command, email] = args;
  if (!(command === 'list' || ((command === 'grant' || command === 'revoke') && email))) throw new UsageError();
  db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(db);
  console.log(await run(db, args));
} catch (error) {
  const fields = error instanceof HttpError && error.fields ? error.fields.map((field) => ` ${field.message}`).join('') : '';
  console.error(error instanceof Error ? `${error.message}${fields}` : error);
  process.exitCode = 1;
} finally {
  await db?.close();
}

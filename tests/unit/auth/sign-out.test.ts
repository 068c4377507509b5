import { describe, expect, it, vi } from 'vitest';
import { UnsyncedChangesError, unsyncedWarning } from '$lib/auth/errors';
import { STORAGE_PREFIX } from '$lib/auth/stored-value';
import { harness } from './fakes';

async function signedInWith(unsynced: number) {
  const localData = {
    countUnsynced: vi.fn(async () => unsynced),
    wipeLocalData: vi.fn(async () => undefined)
  };
  const h = harness({ localData });
  await h.client.start();
  await h.client.signIn({ email: 'ada@example.org' });
  return { ...h, localData };
}

function authKeys(storage: { items: Map<string, string> }): string[] {
  return [...storage.items.keys()].filter((key) => key.startsWith(STORAGE_PREFIX) && key !== `${STORAGE_PREFIX}config`);
}

describe('signOut', () => {
  it('keeping local data signs out without counting or wiping it', async () => {
    const { client, storage, localData } = await signedInWith(3);

    await expect(client.signOut({ removeLocalData: false })).resolves.toBe('done');

    expect(localData.wipeLocalData).not.toHaveBeenCalled();
    expect(localData.countUnsynced).not.toHaveBeenCalled();
    expect(client.session).toMatchObject({ status: 'signed-out', user: null, sites: [] });
    // Identity and token are gone, so the next start needs a sign-in; the server settings may stay.
    expect(authKeys(storage)).toEqual([]);
  });

  it('removing local data with nothing unsynced wipes it and signs out', async () => {
    const { client, localData } = await signedInWith(0);

    await client.signOut({ removeLocalData: true });

    expect(localData.wipeLocalData).toHaveBeenCalledOnce();
    expect(client.session.status).toBe('signed-out');
  });

  it('refuses to remove unsynced changes nobody was warned about, naming how many', async () => {
    const { client, localData } = await signedInWith(3);

    const attempt = client.signOut({ removeLocalData: true });

    await expect(attempt).rejects.toBeInstanceOf(UnsyncedChangesError);
    await expect(attempt).rejects.toMatchObject({ count: 3, message: '3 changes have not been synced yet and will be lost.' });
    expect(localData.wipeLocalData).not.toHaveBeenCalled();
    expect(client.session.status).toBe('signed-in');
  });

  it('refuses when more changes are pending than were acknowledged', async () => {
    const { client, localData } = await signedInWith(4);

    await expect(client.signOut({ removeLocalData: true, acknowledgedUnsynced: 3 })).rejects.toMatchObject({ count: 4 });
    expect(localData.wipeLocalData).not.toHaveBeenCalled();
  });

  it('removes acknowledged unsynced changes', async () => {
    const { client, localData } = await signedInWith(3);

    await client.signOut({ removeLocalData: true, acknowledgedUnsynced: 3 });

    expect(localData.wipeLocalData).toHaveBeenCalledOnce();
    expect(client.session.status).toBe('signed-out');
  });

  it('stays signed in when wiping fails, so nothing is half done', async () => {
    const { client, localData } = await signedInWith(0);
    localData.wipeLocalData.mockRejectedValueOnce(new Error('IndexedDB is blocked'));

    await expect(client.signOut({ removeLocalData: true })).rejects.toThrow('IndexedDB is blocked');
    expect(client.session.status).toBe('signed-in');
  });

  it('does not let a refresh that was under way bring the user back', async () => {
    const { client, server } = await signedInWith(0);
    let answer: (response: Response) => void = () => undefined;
    server.on('GET /api/users/profile', () => new Promise<Response>((resolve) => (answer = resolve)));
    const refreshing = client.refresh();

    await client.signOut({ removeLocalData: false });
    answer(new Response(JSON.stringify({ id: 'x', email: 'ada@example.org', name: 'Ada' })));
    await refreshing;

    expect(client.session.status).toBe('signed-out');
  });
});

describe('countUnsynced', () => {
  it('asks the registered local data', async () => {
    const { client } = await signedInWith(7);
    await expect(client.countUnsynced()).resolves.toBe(7);
  });
});

describe('unsyncedWarning', () => {
  it('names the number of changes, in the singular for one', () => {
    expect(unsyncedWarning(1)).toBe('1 change has not been synced yet and will be lost.');
    expect(unsyncedWarning(12)).toBe('12 changes have not been synced yet and will be lost.');
  });
});

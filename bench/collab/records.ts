import { BENCH_SITE } from '../sync/fixtures';

/** Creates `count` interactions on the bench site through the API; their ids are our endpoint's rooms. */
export async function createRecords(baseUrl: string, token: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const response = await fetch(`${baseUrl}/api/interactions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        siteId: BENCH_SITE.id,
        title: `Co-editing ${index}`,
        type: 'Meeting',
        lead: 'Bench',
        startDatetime: '2026-03-02T09:30:00.000Z',
        endDatetime: '2026-03-02T10:30:00.000Z',
        timezone: 'Europe/London',
        location: null,
        description: 'Edited live by the benchmark.',
        notes: null
      })
    });
    if (response.status !== 201) throw new Error(`creating a record answered ${response.status}: ${await response.text()}`);
    ids.push(((await response.json()) as { id: string }).id);
  }
  return ids;
}

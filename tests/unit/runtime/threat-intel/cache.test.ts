import { cachedIocSource, type Ioc, type IocSource } from '../../../../runtime/threat-intel';

/** A source over fixed indicators that records what it was asked, and can be made to fail. */
function recording(iocs: readonly Ioc[]) {
  const asked: string[][] = [];
  let failing = false;
  const source: IocSource = {
    async lookup(values) {
      asked.push([...values]);
      if (failing) throw new Error('down');
      return iocs.filter((i) => values.includes(i.ioc_value));
    },
  };
  return { source, asked, fail: (on: boolean) => (failing = on) };
}

describe('IOC lookup cache', () => {
  it('asks the table only for values it has not seen within cache_seconds, found or not', async () => {
    let now = 0;
    const { source, asked } = recording([{ ioc_value: 'evil' }]);
    const cached = cachedIocSource(source, { ttlSeconds: 300, now: () => now });
    expect((await cached.lookup(['evil', 'fine'])).map((i) => i.ioc_value)).toEqual(['evil']);
    expect((await cached.lookup(['evil', 'fine', 'new'])).map((i) => i.ioc_value)).toEqual(['evil']);
    expect(asked).toEqual([['evil', 'fine'], ['new']]);
    now += 301_000;
    await cached.lookup(['fine']);
    expect(asked.at(-1)).toEqual(['fine']);
  });

  it('never remembers a failed lookup', async () => {
    const { source, asked, fail } = recording([{ ioc_value: 'evil' }]);
    const cached = cachedIocSource(source, { ttlSeconds: 300 });
    fail(true);
    await expect(cached.lookup(['evil'])).rejects.toThrow('down');
    fail(false);
    expect(await cached.lookup(['evil'])).toEqual([{ ioc_value: 'evil' }]);
    expect(asked).toEqual([['evil'], ['evil']]);
  });

  it('drops the oldest entries past maxEntries, and is the source itself at 0 seconds', async () => {
    const { source, asked } = recording([]);
    const cached = cachedIocSource(source, { ttlSeconds: 300, maxEntries: 2 });
    await cached.lookup(['a', 'b', 'c']);
    await cached.lookup(['a', 'c']);
    expect(asked).toEqual([['a', 'b', 'c'], ['a']]);
    expect(cachedIocSource(source, { ttlSeconds: 0 })).toBe(source);
  });
});

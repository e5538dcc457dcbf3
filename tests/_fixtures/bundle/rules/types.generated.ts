// generated, do not edit (fixture: left out of the bundle)
export type FixtureRecord = Readonly<Record<string, unknown>>;

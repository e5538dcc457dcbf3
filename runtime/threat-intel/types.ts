/** Contracts of threat intel: indicators, where they are looked up, what a record gets. */

/** Key under which a record's matched indicators are attached (StreamAlert's `ThreatIntel.IOC_KEY`). */
export const IOC_KEY = 'streamalert:ioc';

/** One indicator of compromise, as kept in the IOC table (hash key `ioc_value`). */
export interface Ioc {
  readonly ioc_value: string;
  /** ip, domain, md5... */
  readonly ioc_type?: string;
  /** The feed's finer type (mal_ip, c2_domain...). */
  readonly sub_type?: string;
  readonly source?: string;
  /** Epoch seconds after which the indicator no longer matches (also the table's TTL attribute). */
  readonly expiration_ts?: number;
}

/** Matches attached to a record: IOC type -> matched values. */
export type RecordIocs = Record<string, string[]>;

/** Where indicators are looked up. */
export interface IocSource {
  /**
   * The indicators among `values` (any number: the source splits them as its store requires).
   * Throws when the store cannot be read; the caller logs and goes on without intel.
   */
  lookup(values: readonly string[]): Promise<readonly Ioc[]>;
}

import { loadConfig } from '../../../../runtime/config';
import { createSourceResolver, lookupSource, UnknownSourceError } from '../../../../runtime/classifier/sources';
import { DEFAULT_CONF_DIR } from '../../../_helpers/paths';

const config = loadConfig(DEFAULT_CONF_DIR);

describe('lookupSource', () => {
  it('expands families to the declared log types of the source, in data_sources order', () => {
    const match = lookupSource(config, { service: 'kinesis', resource: 'acme_prod_streamalert' }, 'prod');
    expect(match.cluster).toBe('prod');
    expect(match.logTypes).toEqual(expect.arrayContaining(['osquery:differential', 'osquery:status', 'cloudwatch:events']));
    expect(match.logTypes.indexOf('osquery:differential')).toBeLessThan(match.logTypes.indexOf('cloudwatch:events'));
  });

  it('finds the cluster that declares a source when no cluster is given', () => {
    expect(lookupSource(config, { service: 'sqs', resource: 'acme_corp_appliance_logs' }).cluster).toBe('corp');
  });

  it('throws UnknownSource naming the source and listing the configured resources of the service', () => {
    const lookup = () => lookupSource(config, { service: 'kinesis', resource: 'nope' });
    expect(lookup).toThrow(UnknownSourceError);
    expect(lookup).toThrow('unknown kinesis source "nope": not in the data_sources of any cluster (configured kinesis sources: acme_prod_streamalert, acme_corp_streamalert)');
  });

  it('does not look outside the given cluster', () => {
    expect(() => lookupSource(config, { service: 'kinesis', resource: 'acme_corp_streamalert' }, 'prod')).toThrow(/cluster "prod" \(configured kinesis sources: acme_prod_streamalert\)/);
  });

  it('says when a service has no sources at all', () => {
    expect(() => lookupSource(config, { service: 'cloudwatch_logs', resource: '/aws/x' })).toThrow(/no cloudwatch_logs sources are configured/);
  });

  it('has the stable code UnknownSource and a hint', () => {
    try {
      lookupSource(config, { service: 's3', resource: 'b' });
    } catch (err) {
      expect(err).toMatchObject({ code: 'UnknownSource', hint: expect.stringContaining('data_sources.s3') });
      return;
    }
    throw new Error('expected an UnknownSourceError');
  });
});

describe('createSourceResolver', () => {
  it('returns (not throws) the error for an unknown source, and caches lookups', () => {
    const resolve = createSourceResolver(config, 'corp');
    const first = resolve({ service: 'streamalert_app', resource: 'acme_corp_duo_auth_app' });
    expect(first).toEqual({ cluster: 'corp', logTypes: ['duo:authentication', 'duo:administrator', 'duo:authentication_v2'] });
    expect(resolve({ service: 'streamalert_app', resource: 'acme_corp_duo_auth_app' })).toBe(first);
    expect(resolve({ service: 'sns', resource: 't' })).toBeInstanceOf(UnknownSourceError);
  });
});

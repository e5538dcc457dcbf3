/**
 * Alert delivery in the stack: the alert processor, the alert merger that invokes it, and their alarms,
 * all in the account region beside the alerts table of the global module. The rule processors' side
 * (writing alerts) is {@link alertWriterStatements}, attached by each cluster.
 */
import type { Construct } from 'constructs';
import type { Config } from '../../../runtime/config';
import {
  ALERT_ENV,
  ALERT_RECORDS_PREFIX,
  alertMergerName,
  alertProcessorName,
  alertsTableName,
  dataBucketName,
  outputsSsmPrefix,
} from '../../../runtime/config/names';
import type { PolicyStatement } from '../constructs/policy';
import { AlertAlarms } from './alert-alarms';
import { AlertMerger } from './alert-merger';
import { AlertProcessor } from './alert-processor';
import { alertObjectStatements, type AlertStore } from './alert-store';
import { tableKeyStatement } from './alerts-table';
import type { GlobalModule } from './global';
import { ALERT_MODULES } from '../config-facts';
export { ALERT_MODULES };


/** The alerts table and bucket prefix, as the global module declares them. */
export function alertStoreOf(config: Config, global: GlobalModule): AlertStore {
  const region = config.account.region;
  return {
    tableName: alertsTableName(config),
    tableArn: global.alertsTable.table.arn,
    bucket: dataBucketName(config),
    region,
    kmsKeyArn: global.keyFor(region).arn,
  };
}

/** Declares the alert processor, the alert merger and their alarms. */
export function addAlertDelivery(scope: Construct, config: Config, global: GlobalModule): void {
  const store = alertStoreOf(config, global);
  const processor = new AlertProcessor(scope, 'alert_processor', {
    config,
    functionName: alertProcessorName(config),
    store,
    ssmPrefix: outputsSsmPrefix(config),
  });
  const merger = new AlertMerger(scope, 'alert_merger', {
    config,
    functionName: alertMergerName(config),
    store,
    processorName: alertProcessorName(config),
    processorAliasArn: processor.fn.alias.arn,
  });
  new AlertAlarms(scope, 'alert_alarms', {
    region: config.account.region,
    prefix: config.account.prefix,
    merger,
    processor,
    topicArn: global.topicFor(config.account.region).arn,
  });
}

/**
 * What a rule processor needs to store its alerts: PutItem on the alerts table (conditional, so a retried batch
 * neither resets an alert's delivery state nor overwrites the tombstone of a delivered one), and PutObject under
 * `alerts/records/` for records too large for an item.
 */
export function alertWriterStatements(store: AlertStore): PolicyStatement[] {
  return [
    { Action: 'dynamodb:PutItem', Resource: store.tableArn },
    tableKeyStatement(store.kmsKeyArn, store.region, true),
    ...alertObjectStatements(store, ['s3:PutObject'], ALERT_RECORDS_PREFIX),
  ];
}

/** Environment of every rule processor for alert storage. */
export function alertWriterEnvironment(store: AlertStore): Record<string, string> {
  return { [ALERT_ENV.table]: store.tableName, [ALERT_ENV.bucket]: store.bucket };
}

/**
 * Registers every output service (the alert processor and the CLI import this file once, for its effect).
 * Modules that register themselves are imported for their effect; the alert-delivery services are listed
 * in {@link DELIVERY_OUTPUTS} and registered below. A service that is not built is not listed: an unknown
 * service is reported as such, never faked.
 */
import './aws/aws-firehose';
import './aws/aws-s3';
import './aws/aws-sns';
import './aws/aws-sqs';
import { cloudwatchLogOutput } from './aws-cloudwatch-log';
import { lambdaOutput, lambdaV2Output } from './aws-lambda';
import { sesOutput } from './aws-ses';
import { carbonblackOutput } from './carbonblack';
import { demistoOutput } from './demisto';
import { githubOutput } from './github';
import { jiraOutput, jiraV2Output } from './jira';
import { komandOutput } from './komand';
import { opsgenieOutput } from './opsgenie';
import { pagerdutyIncidentOutput } from './pagerduty/incident';
import { pagerdutyOutput } from './pagerduty/v1';
import { pagerdutyV2Output } from './pagerduty/v2';
import { phantomOutput } from './phantom';
import { registerOutput } from './registry';
import { slackOutput } from './slack';
import { teamsOutput } from './teams';
import type { OutputService } from './types';
import { victoropsOutput } from './victorops';
import { webhookOutput } from './webhook';

/** The services registered by this file. */
export const DELIVERY_OUTPUTS: readonly OutputService[] = [
  cloudwatchLogOutput,
  lambdaOutput,
  lambdaV2Output,
  sesOutput,
  carbonblackOutput,
  demistoOutput,
  githubOutput,
  jiraOutput,
  jiraV2Output,
  komandOutput,
  opsgenieOutput,
  pagerdutyOutput,
  pagerdutyV2Output,
  pagerdutyIncidentOutput,
  phantomOutput,
  slackOutput,
  teamsOutput,
  victoropsOutput,
  webhookOutput,
];

for (const output of DELIVERY_OUTPUTS) registerOutput(output);

/**
 * Registers every output service of this module (import it once, for its effect). Services that are not
 * built are not listed here: an unknown service is reported as such, never faked.
 */
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

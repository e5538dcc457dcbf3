/**
 * The one table of the AWS calls each output service makes, as IAM actions. The alert processor's IAM policy
 * is generated from it (cli/terraform/modules/alert-outputs.ts), and a test sends through every output
 * service and checks each call against the generated policy, so a call missing here fails a test instead of
 * failing every alert with AccessDenied (as `ses:SendRawEmail` once did).
 */

/** Which resources an output's calls act on, as far as the configuration tells. */
export type OutputCallScope =
  /** The resource named by each descriptor's value in outputs.json (bucket, topic, queue, stream, function). */
  | 'descriptor'
  /** Every SES identity of the account and region: the sender address is a secret, out of Terraform's sight. */
  | 'ses-identities'
  /**
   * Resources known only from the descriptor's SSM properties (another account's function and role): the
   * generated policy cannot name them, so the operator grants them (documented in docs/outputs.md).
   */
  | 'operator';

/** The AWS calls of one output service. */
export interface OutputAwsCalls {
  /** IAM actions, one per SDK command the output sends. */
  readonly actions: readonly string[];
  readonly scope: OutputCallScope;
}

/** AWS calls by output service. Services not listed make no AWS call of their own (their secrets come from SSM). */
export const OUTPUT_AWS_CALLS: Readonly<Record<string, OutputAwsCalls>> = {
  'aws-cloudwatch-log': { actions: [], scope: 'descriptor' },
  'aws-firehose': { actions: ['firehose:PutRecordBatch'], scope: 'descriptor' },
  'aws-lambda': { actions: ['lambda:InvokeFunction'], scope: 'descriptor' },
  'aws-lambda-v2': { actions: ['sts:AssumeRole', 'lambda:InvokeFunction'], scope: 'operator' },
  'aws-s3': { actions: ['s3:PutObject'], scope: 'descriptor' },
  'aws-ses': { actions: ['ses:SendRawEmail'], scope: 'ses-identities' },
  'aws-sns': { actions: ['sns:Publish'], scope: 'descriptor' },
  'aws-sqs': { actions: ['sqs:SendMessage'], scope: 'descriptor' },
};

/** The `sqs_inputs` module: event source mappings from existing SQS queues to the rule processor's alias. */
import { Construct } from 'constructs';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { attachPolicy } from '../constructs/role-policy';
import { toIdentifier } from '../stack';
import type { RuleProcessor } from './rule-processor';
import { determineQueue } from '../config-facts';
export { determineQueue };

/** Properties of {@link SqsInputs}. */
export interface SqsInputsProps {
  readonly accountId: string;
  readonly region: string;
  /** Queue names (in this account and region) or ARNs. */
  readonly queues: readonly string[];
  /** @default 10 */
  readonly batchSize?: number;
  readonly ruleProcessor: RuleProcessor;
}

/** Consuming a queue as Lambda's event source mapping does (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html). */
export const SQS_CONSUME_ACTIONS = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'];


/** SQS queues feeding the rule processor. */
export class SqsInputs extends Construct {
  constructor(scope: Construct, id: string, props: SqsInputsProps) {
    super(scope, id);
    const { region, ruleProcessor } = props;
    const queues = props.queues.map((q) => determineQueue(q, props.accountId, region));
    const policy = attachPolicy(this, 'consume', ruleProcessor.role, 'sqs_inputs', [
      { Action: SQS_CONSUME_ACTIONS, Resource: queues.map((q) => q.arn) },
    ]);
    for (const queue of queues) {
      new LambdaEventSourceMapping(this, toIdentifier(queue.name), {
        region,
        eventSourceArn: queue.arn,
        functionName: ruleProcessor.alias.arn,
        batchSize: props.batchSize ?? 10,
        // A bad record is reported alone instead of failing (and retrying) the whole batch.
        functionResponseTypes: ['ReportBatchItemFailures'],
        dependsOn: [policy],
      });
    }
  }
}

/** The `sns_inputs` module: subscriptions of existing SNS topics to the rule processor's alias. */
import { Construct } from 'constructs';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { PRODUCTION_ALIAS } from '../../../runtime/config/names';
import { toIdentifier } from '../stack';
import type { RuleProcessor } from './rule-processor';
import { determineTopic } from '../config-facts';
export { determineTopic };

/** Properties of {@link SnsInputs}. */
export interface SnsInputsProps {
  readonly accountId: string;
  readonly region: string;
  /** Topic names (in this account and region) or ARNs. */
  readonly topics: readonly string[];
  readonly ruleProcessor: RuleProcessor;
}


/** SNS topics feeding the rule processor. */
export class SnsInputs extends Construct {
  constructor(scope: Construct, id: string, props: SnsInputsProps) {
    super(scope, id);
    const { region, ruleProcessor } = props;
    for (const topic of props.topics) {
      const { arn: topicArn, name, region: topicRegion } = determineTopic(topic, props.accountId, region);
      const topicId = toIdentifier(name);
      const permission = new LambdaPermission(this, `${topicId}_permission`, {
        region,
        statementId: `sns_${topicId}`,
        action: 'lambda:InvokeFunction',
        functionName: ruleProcessor.function.functionName,
        qualifier: PRODUCTION_ALIAS,
        principal: 'sns.amazonaws.com',
        sourceArn: topicArn,
        dependsOn: [ruleProcessor.alias],
      });
      // A subscription lives in its topic's region, which may differ from the function's.
      new SnsTopicSubscription(this, topicId, {
        region: topicRegion,
        topicArn,
        protocol: 'lambda',
        endpoint: ruleProcessor.alias.arn,
        dependsOn: [permission],
      });
    }
  }
}

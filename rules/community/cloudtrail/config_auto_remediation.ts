import { rule } from '../../../runtime/rules';

/** AWS Config started an SSM automation to remediate a NON_COMPLIANT resource. */
rule<'cloudtrail:events'>({ logs: ['cloudtrail:events'], outputs: ['aws-firehose:alerts'], severity: 'low' })(
  function config_auto_remediation(rec) {
    return (
      rec.eventName === 'StartAutomationExecution' &&
      rec.eventSource === 'ssm.amazonaws.com' &&
      rec.sourceIPAddress === 'config.amazonaws.com'
    );
  },
);

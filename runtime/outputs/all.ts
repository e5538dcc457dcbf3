/**
 * Imports every output module so that each registers itself. The alert processor and the CLI import this
 * file; a new output adds one import line here (one module per service under runtime/outputs/).
 */
import './aws/aws-firehose';
import './aws/aws-s3';
import './aws/aws-sns';
import './aws/aws-sqs';

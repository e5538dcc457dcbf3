/**
 * The parts of the AWS SDK the S3 reader uses, behind a lazy module: the bundler puts this file (and the
 * SDK code it pulls in) in a file of its own, loaded on the first S3 read, not at cold start.
 */
export { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';

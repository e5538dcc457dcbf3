/**
 * The parts of the AWS SDK the S3 reader (and the dead-letter writer) use, behind a lazy module: the bundler
 * puts this file (and the SDK code it pulls in) in a file of its own, loaded on the first S3 call, not at cold
 * start. One module for both, so the zip holds one copy of the SDK and a container parses it once.
 */
export { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

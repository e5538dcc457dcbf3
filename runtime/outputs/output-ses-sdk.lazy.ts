/** The SES client of the aws-ses output, behind a lazy module. */
export { SendRawEmailCommand, SESClient } from '@aws-sdk/client-ses';

/** Registers every app type this package ships (import for its effect). */
import { registerApp } from './registry';
import { aliyunActiontrail } from './services/aliyun';
import { boxAdminEvents } from './services/box';
import { duoAdmin, duoAuth } from './services/duo';
import { githubAuditLog } from './services/github';
import { gsuiteApps } from './services/gsuite';
import { intercomAdminActivity } from './services/intercom';
import { oktaSystemLog } from './services/okta';
import { oneloginEvents } from './services/onelogin';
import { slackAccess, slackIntegration } from './services/slack';

for (const app of [duoAuth, duoAdmin, oneloginEvents, slackAccess, slackIntegration, intercomAdminActivity, oktaSystemLog, githubAuditLog, boxAdminEvents, aliyunActiontrail, ...gsuiteApps]) {
  registerApp(app);
}

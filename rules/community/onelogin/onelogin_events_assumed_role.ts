import { py, rule } from '../../../runtime/rules';

/** OneLogin event type 3: a user assumed another user. */
const ASSUMED_ROLE_EVENT = 3;

/** A OneLogin user assumed another user's identity. */
rule<'onelogin:events'>({ logs: ['onelogin:events'], outputs: ['aws-firehose:alerts'], severity: 'medium' })(
  function onelogin_events_assumed_role(rec) {
    return py.eq(rec.event_type_id, ASSUMED_ROLE_EVENT);
  },
);

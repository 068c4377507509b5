import { FormatRegistry } from '@sinclair/typebox';
import { isIsoInstant } from './datetime';
import { isUuid } from './ids';

// The formats the domain's schemas name, registered once for TypeBox's checker, which every check
// (the form, the local database, the server's routes) goes through. A format TypeBox does not know
// fails every value, so a schema may name only these.
// `date-time` is the domain's instant, not RFC 3339's: Postgres has no year 0000.
FormatRegistry.Set('date-time', isIsoInstant);
FormatRegistry.Set('uuid', isUuid);

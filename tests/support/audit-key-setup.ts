import { inject } from 'vitest';
import { setAuditKey } from '../../api/audit/audit.service.ts';

// Every test process seals with the key the global set-up chose, so their events form one chain that verifies.
setAuditKey(Buffer.from(inject('auditKey'), 'hex'));

import { todayIso } from '../../../graph-schema/calendar.ts';
import { action } from '../../../graph-schema/casework/index.ts';
import type { Actor } from '../../auth/viewer.ts';
import type { GraphTransaction } from '../../db/neo4j.ts';
import { HttpError } from '../../http/errors.ts';
import { currentPlanId } from '../actions/actions.service.ts';
import { type CaseworkNode, caseworkStore } from '../casework/casework-store.ts';
import type { RiskIndicatorsConfig } from '../config/risk-indicators.ts';

const actions = caseworkStore(action);

/** A day `days` working days (Monday to Friday; bank holidays are not known) after a YYYY-MM-DD date. */
export function addWorkingDays(isoDay: string, days: number): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return date.toISOString().slice(0, 10);
}

export interface ActionOwner {
  name: string;
  agency: string;
}

/** Who completes the CSE risk assessment a CAF referral asks for: as given, else the young person's lead professional. */
export function cafActionOwner(
  given: ActionOwner | undefined,
  youngPerson: { leadProfessional?: string | null; leadAgency?: string | null },
): ActionOwner {
  if (given) return given;
  if (youngPerson.leadProfessional && youngPerson.leadAgency) {
    return { name: youngPerson.leadProfessional, agency: youngPerson.leadAgency };
  }
  const message =
    'A CAF referral sets the lead professional an action to complete a CSE risk assessment, and this young person ' +
    'has no lead professional and agency recorded: give the action owner (actionOwner.name and actionOwner.agency), ' +
    'or record the lead professional on the young person first';
  throw new HttpError(400, 'lead_professional_required', message, [
    { field: 'actionOwner.name', message: 'Who will complete the CSE risk assessment' },
    { field: 'actionOwner.agency', message: 'Their agency' },
  ]);
}

/** The action a CAF referral creates, in the caller's transaction: complete a CSE risk assessment, due in N working days. */
export async function createCafAction(
  tx: GraphTransaction,
  input: { youngPersonId: string; owner: ActionOwner; from: string; assessmentId: string },
  config: RiskIndicatorsConfig,
  actor: Actor,
): Promise<CaseworkNode> {
  // The action joins the young person's current plan, if there is one, as any action about them does.
  const plan = await currentPlanId(tx, input.youngPersonId, todayIso());
  return actions.create(
    tx,
    {
      properties: {
        what: config.cafReferral.actionWhat,
        ownerName: input.owner.name,
        ownerAgency: input.owner.agency,
        dueOn: addWorkingDays(input.from, config.cafReferral.actionDueWorkingDays),
        status: 'open',
        category: 'protect',
      },
      links: { TARGETS: input.youngPersonId, PART_OF: plan },
      auditDetails: { rule: 'caf-referral', riskAssessment: input.assessmentId },
    },
    actor,
  );
}

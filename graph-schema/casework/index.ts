import { action } from './action.ts';
import type { CaseworkDeclaration, CaseworkLabel } from './define.ts';
import { disruption } from './disruption.ts';
import { levelDecision } from './level-decision.ts';
import { meeting } from './meeting.ts';
import { notDuplicate } from './not-duplicate.ts';
import { plan } from './plan.ts';
import { riskAssessment } from './risk-assessment.ts';

export { actionCategories, actionStatuses } from './action.ts';
export * from './define.ts';
export { disruptionTactics } from './disruption.ts';
export { planTypes } from './plan.ts';
export { referralRoutes } from './risk-assessment.ts';
export { action, disruption, levelDecision, meeting, notDuplicate, plan, riskAssessment };

/** Every casework label, listed once. */
export const caseworkDeclarations = [
  riskAssessment,
  levelDecision,
  plan,
  action,
  disruption,
  meeting,
  notDuplicate,
] as const;

const byLabel = new Map<CaseworkLabel, CaseworkDeclaration>(caseworkDeclarations.map((d) => [d.label, d]));

export function caseworkDeclaration(label: CaseworkLabel): CaseworkDeclaration {
  const declaration = byLabel.get(label);
  if (!declaration) throw new Error(`Undeclared casework label ${label}`);
  return declaration;
}

import type { Graph } from '../api/db/neo4j.ts';
import { actionsService, type NewAction } from '../api/operations/actions/actions.service.ts';
import { type AssessmentInput, assessmentsService } from '../api/operations/assessments/assessments.service.ts';
import { disruptionsService, type NewDisruption } from '../api/operations/disruptions/disruptions.service.ts';
import { levelsService } from '../api/operations/levels/levels.service.ts';
import { type NewPlan, plansService } from '../api/operations/plans/plans.service.ts';
import type { LevelOfConcern } from '../graph-schema/index.ts';

/**
 * The demo's casework, fictional like the rest of Millbrook-on-Sea: enough for the dashboard, the agenda and the
 * drawer to show every kind of thing — a level history with a step-down, an assessment awaiting discussion, a
 * CAF referral and its action, plans (and young people at risk without one), an overdue action, disruption.
 * Keys are the demo records' keys in demo.ts.
 */
export const demoAssessments: readonly (AssessmentInput & { youngPerson: string })[] = [
  {
    youngPerson: 'amber',
    assessor: 'Social worker A. Example',
    assessorAgency: "Children's Social Care",
    assessedOn: '2026-11-02',
    route: 'cse-risk-assessment',
    indicators: [
      { indicator: 'contact-known-perpetrators', lastSeen: '2026-10-28' },
      { indicator: 'missing-regularly', lastSeen: '2026-10-30' },
      { indicator: 'unexplained-gifts', lastSeen: '2026-10-15' },
    ],
  },
  {
    youngPerson: 'ellie',
    assessor: 'School nurse E. Invented',
    assessorAgency: 'Health',
    assessedOn: '2026-11-24',
    route: 'caf-referral',
    indicators: [
      { indicator: 'beginning-to-truant', lastSeen: '2026-11-20' },
      { indicator: 'older-boyfriend', lastSeen: '2026-11-18' },
    ],
  },
];

export const demoLevelDecisions: readonly {
  youngPerson: string;
  level: LevelOfConcern;
  decidedOn: string;
  reason?: string;
}[] = [
  {
    youngPerson: 'amber',
    level: 3,
    decidedOn: '2026-11-05',
    reason: 'Found with an adult known to police; missing twice',
  },
  { youngPerson: 'bella', level: 3, decidedOn: '2026-10-20', reason: 'Older boyfriend; gifts and a new phone' },
  { youngPerson: 'callum', level: 3, decidedOn: '2026-09-15', reason: 'Recruiting younger peers for an adult' },
  { youngPerson: 'callum', level: 2, decidedOn: '2026-10-20', reason: 'Stepped down from 3: attending school again' },
  { youngPerson: 'daisy', level: 2, decidedOn: '2026-08-14', reason: 'Regularly missing from placement' },
];

export const demoPlans: readonly (NewPlan & { youngPerson: string })[] = [
  { youngPerson: 'amber', type: 'child-protection', startedOn: '2026-09-01', leadAgency: "Children's Social Care" },
  { youngPerson: 'bella', type: 'cse-action-plan', startedOn: '2026-10-21', leadAgency: "Children's Social Care" },
  { youngPerson: 'callum', type: 'child-in-need', startedOn: '2026-06-10', leadAgency: 'Youth Offending Service' },
  { youngPerson: 'daisy', type: 'looked-after-child', startedOn: '2025-03-01', leadAgency: "Children's Social Care" },
];

export const demoActions: readonly (Omit<NewAction, 'subject'> & { subject: string })[] = [
  {
    subject: 'amber',
    what: 'Hold a strategy discussion about the adults she was found with',
    ownerName: 'Social worker A. Example',
    ownerAgency: "Children's Social Care",
    dueOn: '2026-11-20',
    category: 'protect',
  },
  {
    subject: 'bella',
    what: 'Offer sexual health advice through the school nurse',
    ownerName: 'School nurse E. Invented',
    ownerAgency: 'Health',
    dueOn: '2026-12-18',
    category: 'prevent',
  },
  {
    subject: 'barry',
    what: 'Gather evidence for a Sexual Risk Order',
    ownerName: 'DC Officer Example',
    ownerAgency: 'Police',
    dueOn: '2027-01-15',
    category: 'pursue',
  },
  {
    subject: 'kebab',
    what: 'Visit with licensing about late-night under-18s',
    ownerName: 'Licensing officer Sample',
    ownerAgency: 'Licensing',
    dueOn: '2026-11-25',
    category: 'prepare',
  },
];

export const demoDisruptions: readonly (Omit<NewDisruption, 'subject'> & { subject: string })[] = [
  {
    subject: 'barry',
    tactic: 'child-abduction-warning-notice',
    agency: 'Police',
    servedOn: '2026-10-01',
    expiresOn: '2028-10-01',
    outcome: 'Served in person; warned about contact with YP-0001',
  },
  {
    subject: 'kebab',
    tactic: 'licensing-referral',
    agency: 'Licensing',
    servedOn: '2026-11-10',
    reviewOn: '2027-02-10',
  },
];

const seedActor = { username: 'demo-seed', role: 'police' } as const;

/** Loads the demo's casework through the services the API uses, after the records (ids by demo key). */
export async function loadDemoCasework(graph: Graph, ids: ReadonlyMap<string, string>): Promise<number> {
  const id = (key: string) => {
    const found = ids.get(key);
    if (!found) throw new Error(`The demo casework names ${key}, which the demo does not have`);
    return found;
  };
  const assessments = assessmentsService(graph);
  const levels = levelsService(graph);
  const plans = plansService(graph);
  const actions = actionsService(graph);
  const disruptions = disruptionsService(graph);
  let written = 0;
  for (const { youngPerson, ...plan } of demoPlans) {
    await plans.create(id(youngPerson), plan, seedActor);
    written += 1;
  }
  for (const { youngPerson, ...assessment } of demoAssessments) {
    await assessments.create(id(youngPerson), assessment, seedActor);
    written += 1;
  }
  for (const { youngPerson, ...decision } of demoLevelDecisions) {
    await levels.record({ ...decision, youngPersonId: id(youngPerson), agreedBy: 'CSE Operations Group' }, seedActor);
    written += 1;
  }
  for (const { subject, ...action } of demoActions) {
    await actions.create({ ...action, subject: id(subject) }, seedActor);
    written += 1;
  }
  for (const { subject, ...disruption } of demoDisruptions) {
    await disruptions.create({ ...disruption, subject: id(subject) }, seedActor);
    written += 1;
  }
  return written;
}

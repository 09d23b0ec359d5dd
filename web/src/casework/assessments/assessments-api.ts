import type {
  AssessmentSaved,
  AssessmentView,
  CreateAssessment,
  indicatorList,
  YoungPersonSummary,
} from '../../../../api/operations/assessments/assessments.service.ts';
import { call } from '../../api.ts';

export type { AssessmentSaved, AssessmentView, CreateAssessment };
export type IndicatorList = ReturnType<typeof indicatorList>;

export const assessmentsKey = (youngPersonId: string) => ['assessments', youngPersonId] as const;

export const fetchIndicators = () => call<IndicatorList>('GET', '/api/risk-indicators');

export const fetchAssessments = (youngPersonId: string) =>
  call<{ youngPerson: YoungPersonSummary; items: AssessmentView[] }>(
    'GET',
    `/api/young-people/${youngPersonId}/assessments`,
  );

export const createAssessment = (youngPersonId: string, input: CreateAssessment) =>
  call<AssessmentSaved>('POST', `/api/young-people/${youngPersonId}/assessments`, input);

export const routeLabels: Record<string, string> = {
  'cse-risk-assessment': 'CSE risk assessment',
  'caf-referral': 'CAF referral',
  other: 'Other',
};

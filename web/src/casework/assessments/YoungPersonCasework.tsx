import { useQuery } from '@tanstack/react-query';
import { LevelOfConcernSection } from '../levels/LevelOfConcernSection.tsx';
import { assessmentsKey, fetchAssessments } from './assessments-api.ts';
import { RiskAssessmentsSection } from './RiskAssessmentsSection.tsx';

/** The details drawer's casework for a young person: the level of concern, then the risk assessments behind it. */
export function YoungPersonCasework({ youngPersonId }: { youngPersonId: string }) {
  // The newest assessment's suggestion is the one a level agreed from the drawer is weighed against.
  const assessments = useQuery({
    queryKey: assessmentsKey(youngPersonId),
    queryFn: () => fetchAssessments(youngPersonId),
  });
  const newest = assessments.data?.items[0];
  return (
    <>
      <LevelOfConcernSection
        youngPersonId={youngPersonId}
        suggestion={
          newest
            ? { level: newest.suggestedLevel, assessmentId: newest.id, assessedOn: newest.assessedOn as string }
            : undefined
        }
      />
      <RiskAssessmentsSection youngPersonId={youngPersonId} />
    </>
  );
}

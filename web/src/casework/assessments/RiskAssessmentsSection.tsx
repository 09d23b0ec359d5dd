import { Alert, Badge, Button, Loader, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorText } from '../../queries.ts';
import { AgreeLevelForm } from '../levels/AgreeLevelForm.tsx';
import { levelLabel, useCan } from '../levels/levels-api.ts';
import { AssessmentForm } from './AssessmentForm.tsx';
import {
  type AssessmentSaved,
  type AssessmentView,
  assessmentsKey,
  fetchAssessments,
  routeLabels,
} from './assessments-api.ts';
import './assessments.css';

function SuggestionReasons({ assessment }: { assessment: AssessmentView }) {
  return (
    <ul className="suggestion-reasons" aria-label="Why this level is suggested">
      {assessment.suggestionReasons.map((reason) => (
        <li key={reason}>{reason}</li>
      ))}
    </ul>
  );
}

/**
 * A young person's risk assessments, newest first, each with the level it suggests and why; for those who may, a
 * form for a new one, after which the suggestion is shown and the group can go on to agree a level.
 */
export function RiskAssessmentsSection({ youngPersonId }: { youngPersonId: string }) {
  const canWrite = useCan('casework:write');
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState<AssessmentSaved | undefined>();
  const [agreed, setAgreed] = useState(false);
  const assessments = useQuery({
    queryKey: assessmentsKey(youngPersonId),
    queryFn: () => fetchAssessments(youngPersonId),
  });
  const items = assessments.data?.items ?? [];
  return (
    <section aria-labelledby="risk-assessments-title" className="casework-section" data-testid="risk-assessments">
      <Title order={3} id="risk-assessments-title">
        Risk assessments ({assessments.data ? items.length : '…'})
      </Title>
      {assessments.isPending && <Loader size="sm" role="status" aria-label="Loading the risk assessments" />}
      {assessments.isError && <Alert color="red">{errorText(assessments.error)}</Alert>}

      {saved && (
        <div className="assessment-saved" data-testid="assessment-suggestion" role="status">
          <Text fw={600}>
            Saved. Suggested level: <span data-testid="suggested-level">{saved.assessment.suggestedLevel}</span>
          </Text>
          <SuggestionReasons assessment={saved.assessment} />
          {saved.action && (
            <Text size="sm">
              Action for {saved.action.ownerName as string} ({saved.action.ownerAgency as string}):{' '}
              {saved.action.what as string}, due {saved.action.dueOn as string}.
            </Text>
          )}
          {agreed ? (
            <Text size="sm">Level recorded: see the level of concern above.</Text>
          ) : (
            <AgreeLevelForm
              youngPersonId={youngPersonId}
              suggestion={{
                level: saved.assessment.suggestedLevel,
                assessmentId: saved.assessment.id,
                assessedOn: saved.assessment.assessedOn as string,
              }}
              onAgreed={() => setAgreed(true)}
            />
          )}
          <Button size="xs" variant="subtle" onClick={() => setSaved(undefined)}>
            Close
          </Button>
        </div>
      )}

      {canWrite &&
        (adding ? (
          <AssessmentForm
            youngPersonId={youngPersonId}
            onSaved={(result) => {
              setAdding(false);
              setAgreed(false);
              setSaved(result);
            }}
            onCancel={() => setAdding(false)}
          />
        ) : (
          <Button size="xs" variant="light" onClick={() => setAdding(true)}>
            New risk assessment
          </Button>
        ))}

      <ol className="timeline assessments" data-testid="assessment-list">
        {assessments.data && items.length === 0 && <li>No risk assessment yet.</li>}
        {items.map((assessment) => (
          <li key={assessment.id}>
            <time>{assessment.assessedOn as string}</time> by {assessment.assessor as string} (
            {assessment.assessorAgency as string}),{' '}
            {routeLabels[assessment.route as string] ?? String(assessment.route)}
            {assessment.routeDetail ? `: ${assessment.routeDetail as string}` : ''}{' '}
            <Badge variant="light" color={assessment.suggestedLevel === 3 ? 'red' : 'gray'}>
              suggests {levelLabel(assessment.suggestedLevel).toLowerCase()}
            </Badge>{' '}
            {assessment.awaitingDiscussion ? (
              <Badge variant="outline" color="gray">
                awaiting discussion
              </Badge>
            ) : (
              <small>discussed {assessment.discussedOn}</small>
            )}
            <SuggestionReasons assessment={assessment} />
          </li>
        ))}
      </ol>
    </section>
  );
}

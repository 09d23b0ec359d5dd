import { Alert, Badge, Button, Loader, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorText } from '../../queries.ts';
import { AgreeLevelForm, type Suggestion } from './AgreeLevelForm.tsx';
import { fetchLevels, levelLabel, levelsKey, useCan } from './levels-api.ts';

/**
 * A young person's level of concern: the current level, when the next review is due (flagged when overdue), the
 * dated history with who agreed each level and why, and, for those who may, a form to agree a new level.
 */
export function LevelOfConcernSection({
  youngPersonId,
  suggestion,
}: {
  youngPersonId: string;
  suggestion?: Suggestion | undefined;
}) {
  const canWrite = useCan('casework:write');
  const [agreeing, setAgreeing] = useState(false);
  const levels = useQuery({ queryKey: levelsKey(youngPersonId), queryFn: () => fetchLevels(youngPersonId) });
  const current = levels.data?.youngPerson;
  return (
    <section aria-labelledby="level-of-concern-title" className="casework-section" data-testid="level-of-concern">
      <Title order={3} id="level-of-concern-title">
        Level of concern
      </Title>
      {levels.isPending && <Loader size="sm" role="status" aria-label="Loading the level of concern" />}
      {levels.isError && <Alert color="red">{errorText(levels.error)}</Alert>}
      {current && (
        <p className="casework-current">
          <Badge color={current.levelOfConcern === 3 ? 'red' : 'gray'} variant="light" data-testid="current-level">
            {levelLabel(current.levelOfConcern)}
          </Badge>{' '}
          {current.levelOfConcern === 'archived' ? (
            <Text span size="sm">
              archived{current.archiveReason ? `: ${current.archiveReason}` : ''}
            </Text>
          ) : current.reviewDue ? (
            <Text span size="sm">
              review due <time>{current.reviewDue}</time>{' '}
              {current.reviewOverdue && (
                <Badge color="red" data-testid="review-overdue">
                  overdue
                </Badge>
              )}
            </Text>
          ) : (
            <Text span size="sm">
              no review date yet: no level agreed
            </Text>
          )}
        </p>
      )}
      {levels.data && (
        <ol className="timeline casework-history" data-testid="level-history" aria-label="Level history, newest first">
          {levels.data.history.length === 0 && <li>No level agreed yet.</li>}
          {levels.data.history.map((decision) => (
            <li key={decision.id}>
              <time>{String(decision.decidedOn)}</time> <strong>{levelLabel(decision.level)}</strong>
              {decision.previousLevel !== undefined && decision.previousLevel !== decision.level && (
                <> (was {levelLabel(decision.previousLevel).toLowerCase()})</>
              )}
              , agreed by {String(decision.agreedBy)}
              {decision.suggestedLevel !== null && decision.suggestedLevel !== undefined && (
                <small> · suggested {levelLabel(decision.suggestedLevel).toLowerCase()}</small>
              )}
              {typeof decision.reason === 'string' && decision.reason && (
                <>
                  <br />
                  <small>Why: {decision.reason}</small>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {canWrite &&
        current &&
        (agreeing ? (
          <AgreeLevelForm youngPersonId={youngPersonId} suggestion={suggestion} onAgreed={() => setAgreeing(false)} />
        ) : (
          <Button size="xs" variant="light" onClick={() => setAgreeing(true)}>
            Agree a level
          </Button>
        ))}
    </section>
  );
}

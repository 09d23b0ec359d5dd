import { Alert, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { errorText } from '../queries.ts';
import { fetchEpisodesOf, type MissingEpisode } from './casework-api.ts';
import { LogEpisodeForm } from './LogEpisodeForm.tsx';
import { RecordInterviewForm } from './RecordInterviewForm.tsx';
import { useCan } from './use-can.ts';
import './casework.css';

/** Whether the return home interview was within 72 hours, in words. */
export function interviewText(episode: MissingEpisode): string {
  if (!episode.endedOn) return 'still missing';
  if (episode.within72Hours === true) return `return interview ${String(episode.returnInterviewDone)}, within 72 hours`;
  if (episode.within72Hours === false) {
    return episode.returnInterviewDone
      ? `return interview ${String(episode.returnInterviewDone)}, not within 72 hours`
      : 'no return interview within 72 hours';
  }
  return `return interview due by ${String(episode.dueBy)}`;
}

/** A young person's missing episodes, newest first, and a form to log one. */
export function MissingEpisodesSection({ youngPerson }: { youngPerson: string }) {
  const canWrite = useCan('casework:write');
  const episodes = useQuery({
    queryKey: ['missing-episodes', youngPerson],
    queryFn: () => fetchEpisodesOf(youngPerson),
  });
  return (
    <section className="casework" aria-labelledby="missing-title" data-testid="missing-episodes">
      <Title order={3} id="missing-title">
        Missing episodes
      </Title>
      {episodes.isError && <Alert color="red">{errorText(episodes.error)}</Alert>}
      {episodes.data && !episodes.data.items.length && <Text size="sm">No missing episodes logged.</Text>}
      {episodes.data && episodes.data.items.length > 0 && (
        <ol aria-label="Missing episodes">
          {episodes.data.items.map((episode) => (
            <li key={episode.id}>
              <time>{String(episode.occurredOn)}</time> to <time>{String(episode.endedOn ?? '…')}</time>
              {episode.foundAt ? `, found at ${episode.foundAt.caption}` : ''}
              {episode.withWhom.length ? `, with ${episode.withWhom.map((adult) => adult.caption).join(', ')}` : ''}
              <div className="meta">
                {episode.returnInterviewOffered ? `offered ${String(episode.returnInterviewOffered)} · ` : ''}
                {interviewText(episode)}
              </div>
              {canWrite && !episode.returnInterviewDone && (
                <details className="casework-form">
                  <summary>Record the return or the interview</summary>
                  <RecordInterviewForm episode={episode} youngPerson={youngPerson} />
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
      {canWrite && (
        <details className="casework-form">
          <summary>Log a missing episode</summary>
          <LogEpisodeForm youngPerson={youngPerson} />
        </details>
      )}
    </section>
  );
}

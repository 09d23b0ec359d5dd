import { Alert, Loader, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { errorText } from '../queries.ts';
import { ActionList } from './ActionList.tsx';
import { AddActionForm } from './AddActionForm.tsx';
import { fetchPlans } from './casework-api.ts';
import { planTypeLabels } from './labels.ts';
import { StartPlanForm } from './StartPlanForm.tsx';
import { useCan } from './use-can.ts';
import './casework.css';

/** A young person's plan and its actions: flagged when they are at risk with no current plan. */
export function PlanSection({ youngPerson }: { youngPerson: string }) {
  const canWrite = useCan('casework:write');
  const plans = useQuery({ queryKey: ['plans', youngPerson], queryFn: () => fetchPlans(youngPerson) });
  const current = plans.data?.current;
  return (
    <section className="casework" aria-labelledby="plan-title" data-testid="plan-section">
      <Title order={3} id="plan-title">
        Plan and actions
      </Title>
      {plans.isPending && <Loader size="sm" role="status" aria-label="Loading the plan" />}
      {plans.isError && <Alert color="red">{errorText(plans.error)}</Alert>}
      {current && (
        <Text size="sm">
          {planTypeLabels[String(current.type)] ?? String(current.type)} since {String(current.startedOn)}
          {current.leadProfessional ? `, led by ${String(current.leadProfessional)}` : ''}
          {current.leadAgency ? ` (${String(current.leadAgency)})` : ''}
        </Text>
      )}
      {plans.data?.noCurrentPlan && (
        <Alert color="red" className="flag" data-testid="no-plan-flag">
          No current plan: a young person at risk should have one.
        </Alert>
      )}
      {plans.data && !current && !plans.data.noCurrentPlan && <Text size="sm">No current plan.</Text>}
      {plans.data && canWrite && (
        <details className="casework-form">
          <summary>{current ? 'Change the plan' : 'Start a plan'}</summary>
          <StartPlanForm
            youngPerson={youngPerson}
            expectedType={plans.data.expectedType}
            replacing={Boolean(current)}
          />
        </details>
      )}
      <ActionList subject={youngPerson} canWrite={canWrite} />
      {canWrite && (
        <details className="casework-form">
          <summary>Add an action</summary>
          <AddActionForm subject={youngPerson} />
        </details>
      )}
    </section>
  );
}

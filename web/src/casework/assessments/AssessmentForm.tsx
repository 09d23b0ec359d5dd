import { Alert, Button, Checkbox, Fieldset, Loader, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { fieldErrors } from '../../accounts/field-errors.ts';
import { errorText } from '../../queries.ts';
import { levelsKey, localToday } from '../levels/levels-api.ts';
import {
  type AssessmentSaved,
  assessmentsKey,
  type CreateAssessment,
  createAssessment,
  fetchIndicators,
  routeLabels,
} from './assessments-api.ts';

type Route = CreateAssessment['route'];

/**
 * A new risk assessment: who assessed and when, the referral route, and the configured indicators grouped as
 * vulnerabilities, moderate and significant, each ticked with when it was last seen. The API suggests the level.
 */
export function AssessmentForm({
  youngPersonId,
  onSaved,
  onCancel,
}: {
  youngPersonId: string;
  onSaved(saved: AssessmentSaved): void;
  onCancel(): void;
}) {
  const queryClient = useQueryClient();
  const formId = useId();
  const indicators = useQuery({ queryKey: ['risk-indicators'], queryFn: fetchIndicators, staleTime: 600_000 });
  const [assessor, setAssessor] = useState('');
  const [assessorAgency, setAssessorAgency] = useState('');
  const [assessedOn, setAssessedOn] = useState(localToday());
  const [route, setRoute] = useState<Route>('cse-risk-assessment');
  const [routeDetail, setRouteDetail] = useState('');
  const [ownerName, setOwnerName] = useState('');
  const [ownerAgency, setOwnerAgency] = useState('');
  const [notes, setNotes] = useState('');
  /** The indicators ticked, in the order ticked, each with its last-seen date. */
  const [present, setPresent] = useState<{ indicator: string; lastSeen: string }[]>([]);

  const toBody = (): CreateAssessment => ({
    assessor,
    assessorAgency,
    assessedOn,
    route,
    routeDetail: route === 'other' ? routeDetail : undefined,
    indicators: present,
    notes: notes.trim() || undefined,
    actionOwner:
      route === 'caf-referral' && (ownerName || ownerAgency) ? { name: ownerName, agency: ownerAgency } : undefined,
  });
  const [submitted, setSubmitted] = useState<CreateAssessment['indicators']>([]);
  const save = useMutation({
    mutationFn: (body: CreateAssessment) => createAssessment(youngPersonId, body),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: assessmentsKey(youngPersonId) });
      void queryClient.invalidateQueries({ queryKey: levelsKey(youngPersonId) });
      onSaved(saved);
    },
  });

  const problems = fieldErrors(save.error);
  // The API names an indicator by its place in the list sent; the form shows the problem beside that indicator.
  const indicatorProblem = (id: string, field: 'indicator' | 'lastSeen') => {
    const index = submitted.findIndex((item) => item.indicator === id);
    return index === -1 ? undefined : problems[`indicators.${index}.${field}`];
  };

  function toggle(id: string, checked: boolean) {
    setPresent((items) =>
      checked ? [...items, { indicator: id, lastSeen: assessedOn }] : items.filter((item) => item.indicator !== id),
    );
  }
  function setLastSeen(id: string, lastSeen: string) {
    setPresent((items) => items.map((item) => (item.indicator === id ? { ...item, lastSeen } : item)));
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    const body = toBody();
    setSubmitted(body.indicators);
    save.mutate(body);
  }

  if (indicators.isPending) return <Loader size="sm" role="status" aria-label="Loading the risk indicators" />;
  if (indicators.isError) return <Alert color="red">{errorText(indicators.error)}</Alert>;

  return (
    <form onSubmit={submit} aria-labelledby={`${formId}-title`} className="casework-form" data-testid="assessment-form">
      <Text fw={600} id={`${formId}-title`}>
        New risk assessment
      </Text>
      <Stack gap="xs">
        <TextInput
          label="Assessor"
          value={assessor}
          onChange={(e) => setAssessor(e.currentTarget.value)}
          error={problems.assessor}
          required
        />
        <TextInput
          label="Assessor's agency"
          value={assessorAgency}
          onChange={(e) => setAssessorAgency(e.currentTarget.value)}
          error={problems.assessorAgency}
          required
        />
        <TextInput
          type="date"
          label="Assessed on"
          value={assessedOn}
          max={localToday()}
          onChange={(e) => setAssessedOn(e.currentTarget.value)}
          error={problems.assessedOn}
          required
        />
        <Radio.Group
          label="Referral route"
          value={route}
          onChange={(value) => setRoute(value as Route)}
          error={problems.route}
          withAsterisk
        >
          <div className="casework-radios">
            {Object.entries(routeLabels).map(([value, label]) => (
              <Radio key={value} value={value} label={label} />
            ))}
          </div>
        </Radio.Group>
        {route === 'other' && (
          <TextInput
            label="Which route"
            value={routeDetail}
            onChange={(e) => setRouteDetail(e.currentTarget.value)}
            error={problems.routeDetail}
            required
          />
        )}
        {route === 'caf-referral' && (
          <Fieldset legend="Who completes the CSE risk assessment" variant="unstyled">
            <Text size="xs">
              A CAF referral sets an action, due in {indicators.data.cafReferral.actionDueWorkingDays} working days.
              Leave blank for the young person's lead professional.
            </Text>
            <TextInput
              label="Name"
              value={ownerName}
              onChange={(e) => setOwnerName(e.currentTarget.value)}
              error={problems['actionOwner.name']}
            />
            <TextInput
              label="Agency"
              value={ownerAgency}
              onChange={(e) => setOwnerAgency(e.currentTarget.value)}
              error={problems['actionOwner.agency']}
            />
          </Fieldset>
        )}
        {indicators.data.groups.map((group) => (
          <Fieldset
            key={group.group}
            legend={group.label}
            className="indicator-group"
            data-testid={`indicators-${group.group}`}
          >
            {group.indicators.map((indicator) => {
              const ticked = present.find((item) => item.indicator === indicator.id);
              const problem = indicatorProblem(indicator.id, 'indicator');
              return (
                <div key={indicator.id} className="indicator-row">
                  <Checkbox
                    label={indicator.label}
                    description={indicator.description}
                    checked={Boolean(ticked)}
                    onChange={(e) => toggle(indicator.id, e.currentTarget.checked)}
                    error={problem}
                  />
                  {ticked && (
                    <TextInput
                      type="date"
                      size="xs"
                      label={`Last seen: ${indicator.label}`}
                      classNames={{ label: 'visually-hidden' }}
                      value={ticked.lastSeen}
                      max={assessedOn}
                      onChange={(e) => setLastSeen(indicator.id, e.currentTarget.value)}
                      error={indicatorProblem(indicator.id, 'lastSeen')}
                      required
                    />
                  )}
                </div>
              );
            })}
          </Fieldset>
        ))}
        <Textarea
          label="Notes"
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={problems.notes}
          autosize
          minRows={2}
        />
      </Stack>
      {save.isError && (
        <Alert color="red" mt="xs" data-testid="assessment-refused">
          {errorText(save.error)}
        </Alert>
      )}
      <div className="casework-buttons">
        <Button type="submit" size="xs" loading={save.isPending}>
          Save and suggest a level
        </Button>
        <Button type="button" size="xs" variant="subtle" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

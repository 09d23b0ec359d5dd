import { Alert, Button, Group, NativeSelect, PasswordInput, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { roleDescriptions, roles } from '../../../api/auth/roles.ts';
import { type Account, createAccount, type Role } from '../api.ts';
import { errorText } from '../queries.ts';
import { fieldErrors, passwordAria } from './field-errors.ts';

const roleOptions = roles.map((role) => ({ value: role, label: `${role}: ${roleDescriptions[role]}` }));

/** A new account. The API checks the name and password rules; its messages show beside the fields. */
export function CreateAccountForm({ onCreated }: { onCreated(account: Account): void }) {
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [password, setPassword] = useState('');
  const create = useMutation({
    mutationFn: () => createAccount({ username, role, password }),
    onSuccess: (account) => {
      setUsername('');
      setPassword('');
      onCreated(account);
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
  });
  const problems = fieldErrors(create.error);
  const listed = new Set(['username', 'role', 'password']);
  const otherProblem = create.isError && !Object.keys(problems).some((field) => listed.has(field));

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <form onSubmit={submit} aria-labelledby="create-account-title" className="create-account">
      <Title order={3} id="create-account-title">
        Create an account
      </Title>
      <Group align="start" gap="sm">
        <TextInput
          label="New username"
          value={username}
          onChange={(event) => setUsername(event.currentTarget.value)}
          error={problems.username}
          autoComplete="off"
        />
        <NativeSelect
          label="Role"
          data={roleOptions}
          value={role}
          onChange={(event) => setRole(event.currentTarget.value as Role)}
          error={problems.role}
        />
        <PasswordInput
          label="First password"
          description="At least 12 characters; give it to them in person"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={problems.password}
          autoComplete="new-password"
          visibilityToggleButtonProps={{ 'aria-label': 'Show what is typed' }}
          {...passwordAria('new-account-password', problems.password, { described: true })}
        />
      </Group>
      <Button type="submit" mt="sm" loading={create.isPending}>
        Create account
      </Button>
      {otherProblem && (
        <Alert color="red" mt="sm">
          {errorText(create.error)}
        </Alert>
      )}
    </form>
  );
}

import { Alert, Button, Group, Loader, NativeSelect, PasswordInput, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { roles } from '../../../api/auth/roles.ts';
import { type Account, changeAccount, fetchAccounts, type Role } from '../api.ts';
import { type DataColumn, DataTable } from '../panels/DataTable.tsx';
import { errorText } from '../queries.ts';
import { CreateAccountForm } from './CreateAccountForm.tsx';
import { fieldErrors, passwordAria } from './field-errors.ts';

type Change = { username: string; role?: Role; password?: string; disabled?: boolean };

const columns: DataColumn<Account>[] = [
  { id: 'username', header: 'Username', value: (a) => a.username },
  { id: 'role', header: 'Role', value: (a) => a.role },
  { id: 'status', header: 'Status', value: (a) => (a.disabled ? 'disabled' : 'active') },
];

/** What a change did, in words, for the status line. */
function changeText({ username, role, password, disabled }: Change): string {
  if (role) return `${username} is now ${role}; their sessions have ended.`;
  if (password) return `${username} has a new password; their sessions have ended.`;
  return disabled ? `${username} is disabled and signed out.` : `${username} is enabled again.`;
}

/** Accounts, for admins: list, create, change role, disable or enable, reset a password (the API is the guard). */
export function AccountsScreen({ me }: { me: string }) {
  const queryClient = useQueryClient();
  const accounts = useQuery({ queryKey: ['accounts'], queryFn: fetchAccounts });
  const [status, setStatus] = useState<string | undefined>();
  const [resetting, setResetting] = useState<string | undefined>();
  const [newPassword, setNewPassword] = useState('');
  const change = useMutation({
    mutationFn: ({ username, ...changes }: Change) => changeAccount(username, changes),
    onSuccess: (_account, sent) => {
      setStatus(changeText(sent));
      if (sent.password) {
        setResetting(undefined);
        setNewPassword('');
      }
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
  });

  function resetPassword(event: FormEvent) {
    event.preventDefault();
    if (resetting) change.mutate({ username: resetting, password: newPassword });
  }

  const passwordProblem = change.variables?.password ? fieldErrors(change.error).password : undefined;
  return (
    <section aria-labelledby="accounts-title" className="accounts" data-testid="accounts">
      <Title order={2} id="accounts-title">
        Accounts
      </Title>
      <Text size="sm">
        Changing a role or password, or disabling an account, ends its sessions. Your own account ({me}) is changed from
        the command line, so that no admin locks themselves out here.
      </Text>
      {status && (
        <Text role="status" fw={600}>
          {status}
        </Text>
      )}
      {change.isError && !passwordProblem && <Alert color="red">{errorText(change.error)}</Alert>}
      {accounts.isError && <Alert color="red">{errorText(accounts.error)}</Alert>}
      {accounts.isPending && <Loader size="sm" role="status" aria-label="Loading the accounts" />}
      {accounts.data && (
        <DataTable
          caption={`${accounts.data.items.length} accounts`}
          columns={columns}
          rows={accounts.data.items}
          rowKey={(a) => a.username}
          testId="accounts-table"
          actions={(account) =>
            account.username === me ? (
              <Text size="sm">you</Text>
            ) : (
              <Group gap={6} wrap="nowrap">
                <NativeSelect
                  size="xs"
                  aria-label={`Role of ${account.username}`}
                  data={[...roles]}
                  value={account.role}
                  onChange={(event) =>
                    change.mutate({ username: account.username, role: event.currentTarget.value as Role })
                  }
                />
                <Button
                  size="compact-xs"
                  variant="default"
                  onClick={() => change.mutate({ username: account.username, disabled: !account.disabled })}
                >
                  {account.disabled ? 'Enable' : 'Disable'} {account.username}
                </Button>
                <Button
                  size="compact-xs"
                  variant="default"
                  onClick={() => {
                    setResetting(account.username);
                    setNewPassword('');
                  }}
                >
                  Reset password of {account.username}
                </Button>
              </Group>
            )
          }
        />
      )}
      {resetting && (
        <form onSubmit={resetPassword} className="reset-password" aria-label={`New password for ${resetting}`}>
          <PasswordInput
            label={`New password for ${resetting}`}
            value={newPassword}
            onChange={(event) => setNewPassword(event.currentTarget.value)}
            error={passwordProblem}
            autoComplete="new-password"
            visibilityToggleButtonProps={{ 'aria-label': 'Show what is typed' }}
            {...passwordAria('reset-password', passwordProblem)}
          />
          <Group gap="xs" mt="xs">
            <Button type="submit" size="xs" loading={change.isPending}>
              Set password
            </Button>
            <Button size="xs" variant="default" onClick={() => setResetting(undefined)}>
              Cancel
            </Button>
          </Group>
        </form>
      )}
      <CreateAccountForm onCreated={(account) => setStatus(`Created ${account.username} (${account.role}).`)} />
    </section>
  );
}

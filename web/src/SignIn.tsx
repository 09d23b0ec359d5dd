import { Alert, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type SignedInUser, signIn } from './api.ts';
import { errorText } from './queries.ts';

/** The first screen: the API answers the same for an unknown account and a wrong password, and so does this. */
export function SignIn({ onSignedIn }: { onSignedIn(user: SignedInUser): void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const attempt = useMutation({ mutationFn: () => signIn(username, password), onSuccess: onSignedIn });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    attempt.mutate();
  }

  return (
    <main className="sign-in">
      <Paper component="form" onSubmit={submit} aria-labelledby="sign-in-title" withBorder p="xl" w="22rem">
        <Stack gap="sm">
          <Title order={1} id="sign-in-title" size="h3">
            Sign in to patmap
          </Title>
          <Text size="sm">Special-category data about children: every view is recorded.</Text>
          <TextInput
            label="Username"
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(event) => setUsername(event.currentTarget.value)}
          />
          <PasswordInput
            label="Password"
            name="password"
            autoComplete="current-password"
            required
            visibilityToggleButtonProps={{ 'aria-label': 'Show what is typed' }}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          {attempt.isError && (
            <Alert color="red" variant="light">
              {errorText(attempt.error)}
            </Alert>
          )}
          <Button type="submit" loading={attempt.isPending}>
            Sign in
          </Button>
        </Stack>
      </Paper>
    </main>
  );
}

import { Alert, Loader } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, useMatch } from 'react-router';
import { AdminArea } from './accounts/AdminArea.tsx';
import { ApiError, fetchMe } from './api.ts';
import { GroupLayout } from './group/GroupLayout.tsx';
import { useLanding } from './group/landing.ts';
import { errorText, useSchema } from './queries.ts';
import { SignIn } from './SignIn.tsx';
import { ChartWorkspaceProvider } from './workspace/ChartContext.tsx';
import { Workspace } from './workspace/Workspace.tsx';

/**
 * Signed in, and allowed to see the network: the workspace, or under /group the operations group's pages;
 * an admin: the accounts; otherwise sign-in or a word.
 */
export function App() {
  const queryClient = useQueryClient();
  const me = useQuery({
    queryKey: ['me'],
    queryFn: () =>
      fetchMe().catch((reason: unknown) =>
        reason instanceof ApiError && reason.status === 401 ? null : Promise.reject(reason),
      ),
    retry: false,
  });
  const user = me.data;
  const canSeeNetwork = Boolean(user?.permissions.includes('network:read'));
  const schema = useSchema(canSeeNetwork);
  const inGroupArea = useMatch('/group/*') !== null;
  const landing = useLanding(user);

  if (me.isPending) return <Loader role="status" aria-label="Loading" m="xl" />;
  if (me.isError)
    return (
      <Alert color="red" title="Could not reach patmap">
        {errorText(me.error)}
      </Alert>
    );
  if (!user) return <SignIn onSignedIn={(signedIn) => queryClient.setQueryData(['me'], signedIn)} />;
  if (!canSeeNetwork) {
    if (user.permissions.includes('users:manage')) return <AdminArea user={user} />;
    return (
      <main className="hint-page">
        <p className="hint">Your role ({user.role}) does not see the network.</p>
      </main>
    );
  }
  if (landing) return <Navigate to={landing} replace />;
  if (inGroupArea) return <GroupLayout user={user} />;
  if (schema.isError)
    return (
      <Alert color="red" title="Could not load the schema">
        {errorText(schema.error)}
      </Alert>
    );
  if (!schema.data) return <Loader role="status" aria-label="Loading" m="xl" />;
  return (
    <ChartWorkspaceProvider schema={schema.data}>
      <Workspace user={user} />
    </ChartWorkspaceProvider>
  );
}

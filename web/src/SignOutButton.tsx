import { Button } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { signOut } from './api.ts';

/** Ends the session on the server, then forgets everything this browser was shown. */
export function SignOutButton() {
  const queryClient = useQueryClient();
  return (
    <Button
      size="compact-sm"
      variant="outline"
      className="on-dark"
      onClick={() => {
        void signOut().finally(() => {
          queryClient.clear();
          queryClient.setQueryData(['me'], null);
        });
      }}
    >
      Sign out
    </Button>
  );
}

import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { fetchMe } from '../api.ts';
import { AccountsScreen } from './AccountsScreen.tsx';

/** /accounts: the account screen for those who may manage accounts, a plain word for everyone else. */
export function AccountsRoute() {
  const me = useQuery({ queryKey: ['me'], queryFn: fetchMe });
  if (!me.data) return null;
  if (!me.data.permissions.includes('users:manage')) return <Text>Accounts are managed by admins.</Text>;
  return <AccountsScreen me={me.data.username} />;
}

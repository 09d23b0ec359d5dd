import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { fetchMe } from '../api.ts';
import { canImport } from './can-import.ts';
import { ImportScreen } from './ImportScreen.tsx';

/** /import: the import screen for those who may write records and links, a plain word for everyone else. */
export function ImportRoute() {
  const me = useQuery({ queryKey: ['me'], queryFn: fetchMe });
  if (!me.data) return null;
  if (!canImport(me.data.permissions)) return <Text>Importing needs a role that writes records and links.</Text>;
  return <ImportScreen />;
}

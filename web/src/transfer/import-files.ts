import { columnsOf, labelOfFile, type TableKind, tableKinds } from '../../../api/transfer/csv-format.ts';
import type { ImportFileInput } from './transfer-api.ts';

export { columnsOf, type TableKind, tableKinds };

/** The words users know each kind by, for the kind select. */
export const kindNames: Record<TableKind, string> = {
  YoungPerson: 'Young people',
  PersonOfInterest: 'Persons of interest',
  Location: 'Locations',
  Event: 'Events',
  links: 'Links',
  'edge-list': 'Edge list (person, person, weight)',
};

function base64Of(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  let binary = '';
  for (let start = 0; start < view.length; start += 0x8000) {
    binary += String.fromCharCode(...view.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}

/** A chosen file as the import routes take it: an XLSX workbook as base64, anything else as CSV text. */
export async function importFileOf(file: File): Promise<ImportFileInput> {
  if (/\.xlsx$/i.test(file.name)) return { name: file.name, base64: base64Of(await file.arrayBuffer()), mapping: {} };
  return { name: file.name, text: await file.text(), mapping: {} };
}

/** The kind a file's name says, if any (young-people.csv → YoungPerson). */
export const kindOfName = (name: string): TableKind | undefined => labelOfFile(name);

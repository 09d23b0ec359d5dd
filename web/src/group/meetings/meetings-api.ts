import type { EscalationAlert } from '../../../../api/operations/escalation/escalation.service.ts';
import type { Agenda, AgendaItem, AgendaYoungPerson } from '../../../../api/operations/meetings/agenda.ts';
import type { MeetingsService } from '../../../../api/operations/meetings/meetings.service.ts';
import type { SnapshotGroup, SnapshotHotspot } from '../../../../api/operations/meetings/snapshot.ts';
import { call } from '../../api.ts';

export type { Agenda, AgendaItem, AgendaYoungPerson, EscalationAlert, SnapshotGroup, SnapshotHotspot };

export type Level = 1 | 2 | 3 | 'archived';

export interface MeetingNote {
  item: string;
  text: string;
}

export interface Meeting {
  id: string;
  version: number;
  heldOn: string;
  title: string;
  chair: string;
  attendees: { name: string; agency: string }[];
  training?: string;
  learningLinks: string[];
  notes: MeetingNote[];
  status: 'open' | 'closed';
  closedAt?: string;
  closedBy?: string;
}

export type MeetingRecords = Omit<Awaited<ReturnType<MeetingsService['get']>>, 'meeting'> & { meeting: Meeting };
export type Pack = Omit<Awaited<ReturnType<MeetingsService['pack']>>, 'meeting'> & { meeting: Meeting };
export type MeetingAgenda = Omit<Agenda, 'meeting'> & { meeting: Meeting };

export interface NewMeeting {
  heldOn: string;
  title?: string;
  chair: string;
  attendees: { name: string; agency: string }[];
}

export type MeetingChanges = Partial<Pick<Meeting, 'chair' | 'attendees' | 'learningLinks' | 'notes'>> & {
  training?: string | null;
};

export interface NewAction {
  targetId: string;
  what: string;
  ownerName: string;
  ownerAgency: string;
  dueOn: string;
  category: 'prepare' | 'prevent' | 'protect' | 'pursue';
}

const base = (id: string) => `/api/meetings/${id}`;

export const fetchMeetings = () => call<{ items: Meeting[]; total: number }>('GET', '/api/meetings?limit=100');
export const createMeeting = (meeting: NewMeeting) => call<Meeting>('POST', '/api/meetings', meeting);
export const fetchMeeting = (id: string) => call<MeetingRecords>('GET', base(id));
export const fetchAgenda = (id: string) => call<MeetingAgenda>('GET', `${base(id)}/agenda`);
export const fetchPack = (id: string) => call<Pack>('GET', `${base(id)}/pack`);
export const updateMeeting = (id: string, version: number, changes: MeetingChanges) =>
  call<Meeting>('PATCH', base(id), { ...changes, version });
export const agreeLevel = (
  id: string,
  body: { youngPersonId: string; level: Level; reason?: string; assessmentId?: string },
) => call<{ decision: { id: string } }>('POST', `${base(id)}/levels`, body);
export const raiseAction = (id: string, body: NewAction) => call<{ id: string }>('POST', `${base(id)}/actions`, body);
export const changeAction = (id: string, actionId: string, version: number, changes: { status: string }) =>
  call<{ id: string }>('PATCH', `${base(id)}/actions/${actionId}`, { ...changes, version });
export const closeMeeting = (id: string, version: number, assessmentIds: string[]) =>
  call<Meeting>('POST', `${base(id)}/close`, { version, assessmentIds });
/** Records the print in the audit log; the pack is printed only once this answers. */
export const recordPrint = (id: string) => call<{ recorded: true }>('POST', `${base(id)}/pack/prints`, {});

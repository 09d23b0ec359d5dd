import { can, type Permission, type Role } from './roles.ts';

/** The signed-in person a request is made for, and what they may see. */
export interface Viewer {
  username: string;
  role: Role;
  sessionId: string;
  /** Young people whose names this viewer revealed, with a reason, in this session. */
  revealed: ReadonlySet<string>;
}

/** Who makes a change: recorded as createdBy/updatedBy and in the audit log. */
export interface Actor {
  username: string;
  role: Role;
}

/** What a viewer may see, in the terms services and Cypher filter by. */
export interface Visibility {
  /** False hides everything with handling code C: records, links and anything counted from them. */
  policeIntelligence: boolean;
  /** False shows young people by reference code, unless revealed. */
  names: boolean;
  revealed: ReadonlySet<string>;
}

export function visibilityOf(viewer: Actor & { revealed?: ReadonlySet<string> }): Visibility {
  return {
    policeIntelligence: can(viewer.role, 'police-intelligence:read'),
    names: can(viewer.role, 'names:read'),
    revealed: viewer.revealed ?? new Set(),
  };
}

/** Full visibility, for the system's own work (seeding, commands), never for a request. */
export const systemVisibility: Visibility = { policeIntelligence: true, names: true, revealed: new Set() };

export function viewerCan(viewer: Viewer | undefined, permission: Permission): boolean {
  return can(viewer?.role, permission);
}

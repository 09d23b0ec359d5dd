/** Who may do what. Every route names one of these permissions; a role has only what is listed here. */

export const roles = ['admin', 'analyst', 'police', 'member'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'records:read',
  'records:write',
  'links:read',
  'links:write',
  'network:read',
  /** Run the link analyses (shared adults, hotspots, groups, paths …). */
  'analysis:run',
  /** See young people's names and identifying details; without it they appear by reference code. */
  'names:read',
  /** See intelligence with handling code C (conditions apply): police only. */
  'police-intelligence:read',
  /** Read the casework: assessments, levels and their history, plans, actions, disruption, missing episodes. */
  'casework:read',
  /** Record assessments, plans, actions, disruption and missing episodes. */
  'casework:write',
  /** Create and run the monthly meeting: agree levels, record actions, close the minutes. */
  'meetings:run',
  /** The strategic group's anonymised report. */
  'reports:read',
  'audit:read',
  'users:manage',
] as const;
export type Permission = (typeof permissions)[number];

const analyst: Permission[] = [
  'records:read',
  'records:write',
  'links:read',
  'links:write',
  'network:read',
  'analysis:run',
  'names:read',
  'casework:read',
  'casework:write',
  'meetings:run',
  'reports:read',
];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: ['audit:read', 'users:manage'],
  analyst,
  police: [...analyst, 'police-intelligence:read'],
  member: [
    'records:read',
    'links:read',
    'network:read',
    'analysis:run',
    'casework:read',
    'meetings:run',
    'reports:read',
  ],
};

export const roleDescriptions: Record<Role, string> = {
  admin: 'users, audit and configuration',
  analyst: 'reads and writes people, locations and links; runs analyses',
  police: 'as analyst, plus police-only intelligence and disruption',
  member:
    'operations group: dashboard, runs meetings, charts and analyses; otherwise read-only, young people by reference',
};

export function can(role: Role | undefined, permission: Permission): boolean {
  return role !== undefined && rolePermissions[role].includes(permission);
}

import type { ChartLink } from '../workspace/contents.ts';

/** The parts of the analysis routes' answers the panels read (the API documents all of it at /api/openapi.json). */

export interface Summary {
  id: string;
  label: string;
  caption: string;
  archived: boolean;
  levelOfConcern?: 1 | 2 | 3 | 'archived';
  reference?: string;
  type?: string;
  pseudonymised?: boolean;
}

export type Evidence = ChartLink & Record<string, unknown>;

export interface SharedAdultsAnswer {
  items: {
    adult: Summary;
    youngPeopleCount: number;
    levelScore: number;
    lastSeen: string;
    youngPeople: (Summary & { links: Evidence[] })[];
  }[];
}

export interface HotspotsAnswer {
  items: {
    location: Summary;
    youngPeopleCount: number;
    adultCount: number;
    lastSeen: string;
    youngPeople: Summary[];
    adults: Summary[];
  }[];
}

export interface TrianglesAnswer {
  items: {
    youngPerson: Summary;
    adult: Summary;
    location: Summary;
    lastSeen: string;
    linked: boolean;
    youngPersonLinks: Evidence[];
    adultLinks: Evidence[];
    directLinks: Evidence[];
  }[];
}

export interface GroupsAnswer {
  items: {
    id: string;
    members: Summary[];
    cohesion: number;
    density: number;
    youngPeople: Summary[];
    youngPeopleCount: number;
    sharedLocations: Summary[];
  }[];
}

export interface KeyPlayersAnswer {
  steps: { order: number; entity: Summary; largestComponentShare: number; components: number }[];
}

export interface CentralityAnswer {
  items: { entity: Summary; degree: number; betweenness: number; closeness: number; pageRank: number }[];
}

export interface PathsAnswer {
  items: { length: number; nodes: Summary[]; links: Evidence[] }[];
}

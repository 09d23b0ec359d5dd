import { z } from 'zod';
import { defineNode } from '../define.ts';
import { longText, shortText } from '../properties.ts';

export const locationTypes = [
  'takeaway',
  'hotel-bnb',
  'park',
  'shopping-centre',
  'taxi-rank',
  'bus-station',
  'train-station',
  'private-address',
  'school',
  'car-park',
  'online-platform',
  'other',
] as const;

export const locationShape = z.object({
  name: shortText,
  type: z.enum(locationTypes),
  address: longText.optional(),
  postcode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9 ]{2,10}$/, 'a postcode such as ZZ1 4AB')
    .optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
});

export const location = defineNode({
  label: 'Location',
  title: 'location',
  plural: 'locations',
  pathSegment: 'locations',
  side: 'location',
  description: 'A place (or online platform) where young people and adults meet: the location side of the triangle.',
  caption: 'name',
  shape: locationShape,
  unique: [],
  indexed: ['name', 'postcode', 'type'],
  searchable: ['name', 'postcode'],
  dates: [],
  consistency: (place) => {
    const given = (value: unknown) => value !== undefined && value !== null;
    if (given(place.latitude) === given(place.longitude)) return [];
    const missing = given(place.latitude) ? 'longitude' : 'latitude';
    return [{ field: missing, message: 'a place on the map needs both its latitude and its longitude' }];
  },
});

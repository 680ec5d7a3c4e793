// Small factories: valid profile bodies with unique identifiers, and API keys per role.
import type { ApiRole } from '../../src/auth/auth-keys.js';
import { createApiKeysRepository } from '../../src/auth/auth-keys.js';
import { luhnCheckDigit } from '../../src/cooperatives/cooperatives-identifiers.js';
import type { Database } from '../../src/db/db-client.js';

let counter = 0;

/** A SIREN that passes the Luhn check, different at every call. */
export function uniqueSiren(): string {
  counter += 1;
  const payload = String(40_000_000 + counter * 7919 + (process.pid % 1000) * 100_003)
    .padStart(8, '0')
    .slice(-8);
  return payload + luhnCheckDigit(payload);
}

/** A head-office SIRET of that SIREN that passes the Luhn check. */
export function siretOf(siren: string, nic = '0001'): string {
  const payload = siren + nic;
  return payload + luhnCheckDigit(payload);
}

export function makeCooperativeBody(overrides: Record<string, unknown> = {}) {
  const siren = uniqueSiren();
  return {
    name: `Menuiserie Dupré ${siren}`,
    family: 'scop',
    companyForm: 'sarl',
    siren,
    siret: siretOf(siren),
    founded: '2012-04',
    becameCooperative: '2012-04',
    origin: 'creation',
    nafCode: '16.23Z',
    sectors: ['construction'],
    activity: 'Menuiserie et agencement en bois',
    description: 'Une Scop de menuisiers à Tours.',
    streetAddress: '12 rue Colbert',
    postalCode: '37000',
    communeCode: '37261',
    latitude: 47.394,
    longitude: 0.684,
    website: 'https://menuiserie-dupre.example.fr',
    email: 'contact@menuiserie-dupre.example.fr',
    phone: '02 47 00 00 00',
    published: true,
    ...overrides,
  };
}

export async function makeApiKey(db: Database, role: ApiRole, name = `test-${role}`): Promise<string> {
  const { token } = await createApiKeysRepository(db.prisma).create({ name, role });
  return token;
}

export type Keys = Record<ApiRole, string>;

export async function makeApiKeys(db: Database): Promise<Keys> {
  return {
    advisor: await makeApiKey(db, 'advisor'),
    analyst: await makeApiKey(db, 'analyst'),
    admin: await makeApiKey(db, 'admin'),
  };
}

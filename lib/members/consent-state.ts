import type { MemberConsent } from '@/lib/db';

// What a consent is, without the database: the purposes, actions and methods, and the state per
// purpose (its latest record). Kept apart from ./consent.ts so that code loaded outside the server
// (the import columns, which the e2e specs read) does not load the database client.

export const CONSENT_PURPOSES = ['LENDING_SAVINGS', 'BANK_SHARING'] as const;
export const CONSENT_ACTIONS = ['GIVEN', 'WITHDRAWN'] as const;
export const CONSENT_METHODS = ['PAPER_FORM', 'ELECTRONIC'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** A member's latest record per purpose (null: none). */
export type ConsentState = Record<ConsentPurpose, MemberConsent | null>;

export const hasConsent = (state: ConsentState, purpose: ConsentPurpose) => state[purpose]?.action === 'GIVEN';

/** The CSP same-region rule's blocker, shared by pre-flight, acceptance and the inventory. */
import { blocked, type Envelope } from '../decision';
import type { MoveEvent, RegionEvidence } from '../events';
import type { MoveState } from '../state';
import type { DecisionContext } from './handler';

export function regionMismatch(
  envelope: Envelope, customerCountry: string, customerRegion: string,
  partnerCountry: string, partnerRegion: string, detectedBy: RegionEvidence,
): MoveEvent {
  const message = `The customer tenant (${customerCountry}) is in the CSP region "${customerRegion}", but your company (${partnerCountry}) `
    + `is in "${partnerRegion}". A CSP partner can only move customers whose tenant country is in its own region, so nothing was sent. `
    + 'A partner location in the customer\'s region (or the customer\'s current partner) must do this move.';
  return blocked(envelope, { code: 'region-mismatch', customerCountry, customerRegion, partnerCountry, partnerRegion, detectedBy }, message);
}

/**
 * The blocker for a customer country learnt after pre-flight (Partner Center's, the tenant directory's), when it
 * lies outside the partner's region; null when it agrees, or when there is no country or partner region to compare.
 */
export function laterCountryMismatch(
  reportedCountry: string | null | undefined, state: MoveState, { envelope, regions }: DecisionContext, detectedBy: RegionEvidence,
): MoveEvent | null {
  const country = reportedCountry?.toUpperCase() ?? null;
  const region = country ? regions.regionOf(country) : null;
  if (country && region !== state.partnerRegion && state.partnerRegion && state.partnerCountry) {
    return regionMismatch(envelope, country, region ?? 'unknown', state.partnerCountry, state.partnerRegion, detectedBy);
  }
  return null;
}

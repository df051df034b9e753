import { describe, expect, it } from 'vitest';
import { CADRE_TIERS, GRADES, TIER_FOR_GRADE, type CadreTier, type Grade } from '@sa/contracts';
import { checkTierRule, type TierRuleBusiness, type TierRuleCadre } from './tier-rule';

const DISTRICT = 1;
const OTHER_DISTRICT = 2;
const STREET = 10;
const OTHER_STREET = 11;
const COMMUNITY = 100;
const OTHER_COMMUNITY = 101; // in the same street

const business = (grade: Grade): TierRuleBusiness => ({ grade, districtId: DISTRICT, streetId: STREET, communityId: COMMUNITY });

/** A cadre of `tier` placed in the business's own area. */
function localCadre(tier: CadreTier, overrides: Partial<TierRuleCadre> = {}): TierRuleCadre {
  return {
    tier,
    active: true,
    districtId: DISTRICT,
    streetId: tier === 'STREET' || tier === 'COMMUNITY' ? STREET : null,
    communityId: tier === 'COMMUNITY' ? COMMUNITY : null,
    ...overrides,
  };
}

describe('tier rule (两个责任 包保)', () => {
  describe('grade × tier, cadre in the business area', () => {
    for (const grade of GRADES) {
      for (const tier of CADRE_TIERS) {
        const expected = TIER_FOR_GRADE[grade] === tier ? { ok: true } : { ok: false, reason: 'TIER_MISMATCH' };
        it(`grade ${grade} to a ${tier} cadre → ${expected.ok ? 'ok' : 'TIER_MISMATCH'}`, () => {
          expect(checkTierRule(business(grade), localCadre(tier))).toEqual(expected);
        });
      }
    }
  });

  it('maps A→CITY, B→DISTRICT, C→STREET, D→COMMUNITY', () => {
    expect(TIER_FOR_GRADE).toEqual({ A: 'CITY', B: 'DISTRICT', C: 'STREET', D: 'COMMUNITY' });
  });

  describe('area', () => {
    it('A to a city cadre of another district → CADRE_OUT_OF_AREA', () => {
      expect(checkTierRule(business('A'), localCadre('CITY', { districtId: OTHER_DISTRICT }))).toEqual({ ok: false, reason: 'CADRE_OUT_OF_AREA' });
    });
    it('B to a district cadre of another district → CADRE_OUT_OF_AREA', () => {
      expect(checkTierRule(business('B'), localCadre('DISTRICT', { districtId: OTHER_DISTRICT }))).toEqual({ ok: false, reason: 'CADRE_OUT_OF_AREA' });
    });
    it('A and B cadres need no street or community: any business of their district', () => {
      const elsewhere = { districtId: DISTRICT, streetId: OTHER_STREET, communityId: OTHER_COMMUNITY };
      expect(checkTierRule({ grade: 'A', ...elsewhere }, localCadre('CITY'))).toEqual({ ok: true });
      expect(checkTierRule({ grade: 'B', ...elsewhere }, localCadre('DISTRICT'))).toEqual({ ok: true });
    });
    it('C to a street cadre of another street → CADRE_OUT_OF_AREA', () => {
      expect(checkTierRule(business('C'), localCadre('STREET', { streetId: OTHER_STREET }))).toEqual({ ok: false, reason: 'CADRE_OUT_OF_AREA' });
    });
    it('C to a street cadre of the same street but another community of it → ok', () => {
      expect(checkTierRule({ ...business('C'), communityId: OTHER_COMMUNITY }, localCadre('STREET'))).toEqual({ ok: true });
    });
    it('D to a community cadre of a neighbouring community in the same street → CADRE_OUT_OF_AREA', () => {
      expect(checkTierRule(business('D'), localCadre('COMMUNITY', { communityId: OTHER_COMMUNITY }))).toEqual({ ok: false, reason: 'CADRE_OUT_OF_AREA' });
    });
    it('D to a community cadre of another street → CADRE_OUT_OF_AREA', () => {
      expect(checkTierRule(business('D'), localCadre('COMMUNITY', { streetId: OTHER_STREET, communityId: OTHER_COMMUNITY }))).toEqual({
        ok: false,
        reason: 'CADRE_OUT_OF_AREA',
      });
    });
    it('a street cadre with no street recorded is out of every area', () => {
      expect(checkTierRule(business('C'), localCadre('STREET', { streetId: null }))).toEqual({ ok: false, reason: 'CADRE_OUT_OF_AREA' });
    });
    it('a community cadre with no community recorded is out of every area', () => {
      expect(checkTierRule(business('D'), localCadre('COMMUNITY', { communityId: null }))).toEqual({ ok: false, reason: 'CADRE_OUT_OF_AREA' });
    });
  });

  describe('every grade × tier × area, precedence of reasons', () => {
    const areas = ['local', 'foreign'] as const;
    const foreign = (tier: CadreTier): Partial<TierRuleCadre> =>
      tier === 'CITY' || tier === 'DISTRICT'
        ? { districtId: OTHER_DISTRICT }
        : tier === 'STREET'
          ? { streetId: OTHER_STREET }
          : { streetId: OTHER_STREET, communityId: OTHER_COMMUNITY };
    for (const grade of GRADES) {
      for (const tier of CADRE_TIERS) {
        for (const area of areas) {
          for (const active of [true, false]) {
            const expected = !active
              ? 'CADRE_INACTIVE'
              : TIER_FOR_GRADE[grade] !== tier
                ? 'TIER_MISMATCH'
                : area === 'foreign'
                  ? 'CADRE_OUT_OF_AREA'
                  : 'ok';
            it(`${grade} / ${tier} / ${area} / ${active ? 'active' : 'inactive'} → ${expected}`, () => {
              const cadre = localCadre(tier, { ...(area === 'foreign' ? foreign(tier) : {}), active });
              const result = checkTierRule(business(grade), cadre);
              expect(result.ok ? 'ok' : result.reason).toBe(expected);
            });
          }
        }
      }
    }
  });
});

// Small builders for test data, written straight through Prisma (no rules applied: that is what the API is for).
// `const world = await aWorld(prisma)`, then `await aBusiness().grade('D').in(world.community).build(prisma)`.
import type { PrismaClient } from '@sa/db';
import type { CadreTier, Grade, Role, VolunteerCategory } from '@sa/contracts';

type Db = PrismaClient;

// Unique suffixes, so several worlds and businesses can live in one test database.
let seq = 0;
const next = () => ++seq;
const licenceBase = 10_000_000_000_000 + Math.floor(Math.random() * 80_000_000_000_000);

export type WorldStreet = { id: number; name: string; districtId: number; officeId: number };
export type WorldCommunity = { id: number; name: string; streetId: number; population: number };

/**
 * One district with two offices, each covering one street; the first street has two communities, the second one.
 * `community` and `neighbourCommunity` share `street`; `otherCommunity` lies in `otherStreet`.
 */
export async function aWorld(prisma: Db) {
  const n = next();
  const district = await prisma.district.create({ data: { code: `D${n}`, name: `示范区${n}` } });
  const office = await prisma.office.create({
    data: { districtId: district.id, code: `O${n}A`, name: `城东市场监管所${n}`, address: '东湖路 1 号', phone: '025-84000001' },
  });
  const otherOffice = await prisma.office.create({
    data: { districtId: district.id, code: `O${n}B`, name: `城西市场监管所${n}`, address: '西河路 2 号', phone: '025-84000002' },
  });
  const street = await prisma.street.create({ data: { districtId: district.id, officeId: office.id, code: `S${n}A`, name: `东湖街道${n}` } });
  const otherStreet = await prisma.street.create({
    data: { districtId: district.id, officeId: otherOffice.id, code: `S${n}B`, name: `西河街道${n}` },
  });
  const community = await prisma.community.create({ data: { streetId: street.id, code: `C${n}A1`, name: `东湖社区${n}`, population: 8000 } });
  const neighbourCommunity = await prisma.community.create({
    data: { streetId: street.id, code: `C${n}A2`, name: `柳岸社区${n}`, population: 6500 },
  });
  const otherCommunity = await prisma.community.create({
    data: { streetId: otherStreet.id, code: `C${n}B1`, name: `西河社区${n}`, population: 7200 },
  });
  const businessType = await prisma.businessType.create({ data: { code: `CATERING${n}`, name: '餐饮服务' } });
  const otherBusinessType = await prisma.businessType.create({ data: { code: `RETAIL${n}`, name: '食品销售' } });
  return { district, office, otherOffice, street, otherStreet, community, neighbourCommunity, otherCommunity, businessType, otherBusinessType };
}
export type World = Awaited<ReturnType<typeof aWorld>>;

async function someBusinessType(prisma: Db): Promise<number> {
  const type = await prisma.businessType.upsert({ where: { code: 'TEST_CATERING' }, update: {}, create: { code: 'TEST_CATERING', name: '餐饮服务' } });
  return type.id;
}

class BusinessBuilder {
  private data = {
    name: '',
    licenceNo: '',
    grade: 'D' as Grade,
    address: '东湖路 8 号',
    businessTypeId: 0,
    streetId: 0,
    communityId: 0,
    lat: null as number | null,
    lng: null as number | null,
    hasSafetyOfficer: false,
    hasSafetyDirector: false,
  };
  named(name: string) {
    this.data.name = name;
    return this;
  }
  licence(licenceNo: string) {
    this.data.licenceNo = licenceNo;
    return this;
  }
  grade(grade: Grade) {
    this.data.grade = grade;
    return this;
  }
  in(community: { id: number; streetId: number }) {
    this.data.communityId = community.id;
    this.data.streetId = community.streetId;
    return this;
  }
  ofType(type: { id: number }) {
    this.data.businessTypeId = type.id;
    return this;
  }
  at(address: string, lat?: number, lng?: number) {
    this.data.address = address;
    this.data.lat = lat ?? null;
    this.data.lng = lng ?? null;
    return this;
  }
  async build(prisma: Db) {
    if (!this.data.communityId) throw new Error('aBusiness(): call .in(community) first');
    const n = next();
    return prisma.business.create({
      data: {
        ...this.data,
        name: this.data.name || `测试餐馆${n}`,
        licenceNo: this.data.licenceNo || `JY${licenceBase + n}`,
        businessTypeId: this.data.businessTypeId || (await someBusinessType(prisma)),
      },
    });
  }
}
export const aBusiness = () => new BusinessBuilder();

class CadreBuilder {
  private data = { name: '', tier: 'COMMUNITY' as CadreTier, title: '社区书记', phone: '13900000000', active: true };
  private area: { streetId?: number; communityId?: number; districtId?: number } = {};
  named(name: string) {
    this.data.name = name;
    return this;
  }
  tier(tier: CadreTier) {
    this.data.tier = tier;
    return this;
  }
  titled(title: string) {
    this.data.title = title;
    return this;
  }
  phone(phone: string) {
    this.data.phone = phone;
    return this;
  }
  inactive() {
    this.data.active = false;
    return this;
  }
  /** A community (COMMUNITY tier), a street (STREET tier) or the district (CITY, DISTRICT). */
  of(area: { id: number; streetId: number } | { id: number; officeId: number; districtId: number } | { id: number; code: string }) {
    if ('streetId' in area) this.area = { communityId: area.id, streetId: area.streetId };
    else if ('officeId' in area) this.area = { streetId: area.id, districtId: area.districtId };
    else this.area = { districtId: area.id };
    return this;
  }
  async build(prisma: Db) {
    const districtId = this.area.districtId ?? (await districtOf(prisma, this.area.streetId));
    return prisma.cadre.create({
      data: {
        ...this.data,
        name: this.data.name || `包保干部${next()}`,
        districtId,
        streetId: this.area.streetId ?? null,
        communityId: this.area.communityId ?? null,
      },
    });
  }
}
export const aCadre = () => new CadreBuilder();

async function districtOf(prisma: Db, streetId: number | undefined): Promise<number> {
  if (streetId) return (await prisma.street.findUniqueOrThrow({ where: { id: streetId } })).districtId;
  const district = await prisma.district.findFirst({ orderBy: { id: 'asc' } });
  if (!district) throw new Error('aCadre(): create a world first');
  return district.id;
}

class UserBuilder {
  private data = {
    role: 'RESIDENT' as Role,
    displayName: '',
    username: null as string | null,
    passwordHash: null as string | null,
    openid: null as string | null,
    officeId: null as number | null,
    cadreId: null as number | null,
    disabled: false,
  };
  role(role: Role) {
    this.data.role = role;
    return this;
  }
  username(username: string) {
    this.data.username = username;
    return this;
  }
  named(displayName: string) {
    this.data.displayName = displayName;
    return this;
  }
  openid(openid: string) {
    this.data.openid = openid;
    return this;
  }
  /** A stored hash, e.g. from `hashPassword()` of server/src/auth/password.ts. */
  passwordHash(hash: string) {
    this.data.passwordHash = hash;
    return this;
  }
  /** Office staff: the office whose streets they handle. */
  office(office: { id: number }) {
    this.data.officeId = office.id;
    return this;
  }
  /** A cadre's login; sets the role to CADRE. */
  cadre(cadre: { id: number }) {
    this.data.cadreId = cadre.id;
    this.data.role = 'CADRE';
    return this;
  }
  disabled() {
    this.data.disabled = true;
    return this;
  }
  build(prisma: Db) {
    const n = next();
    return prisma.user.create({ data: { ...this.data, displayName: this.data.displayName || `测试用户${n}`, username: this.data.username ?? `user${n}` } });
  }
}
export const aUser = () => new UserBuilder();

class AssignmentBuilder {
  private businessId = 0;
  private cadreId = 0;
  private startedAt = new Date();
  of(business: { id: number }) {
    this.businessId = business.id;
    return this;
  }
  to(cadre: { id: number }) {
    this.cadreId = cadre.id;
    return this;
  }
  since(startedAt: Date) {
    this.startedAt = startedAt;
    return this;
  }
  /** Writes the assignment as given: the tier rule is not checked here. */
  build(prisma: Db) {
    if (!this.businessId || !this.cadreId) throw new Error('anAssignment(): call .of(business).to(cadre) first');
    return prisma.assignment.create({ data: { businessId: this.businessId, cadreId: this.cadreId, startedAt: this.startedAt } });
  }
}
export const anAssignment = () => new AssignmentBuilder();

/** A signed 三清单+一承诺 letter under an assignment, as the next version for its business. */
export async function aSignedLetter(prisma: Db, assignment: { id: number; businessId: number; cadreId: number }, signedAt = new Date()) {
  const { _max } = await prisma.commitmentLetter.aggregate({ where: { businessId: assignment.businessId }, _max: { version: true } });
  return prisma.commitmentLetter.create({
    data: { assignmentId: assignment.id, businessId: assignment.businessId, cadreId: assignment.cadreId, version: (_max.version ?? 0) + 1, signedAt },
  });
}

class VolunteerBuilder {
  private data = {
    name: '',
    category: 'PARENT' as VolunteerCategory,
    phone: '13800000000',
    streetId: null as number | null,
    invitationCode: '',
    userId: null as number | null,
    boundAt: null as Date | null,
    active: true,
  };
  named(name: string) {
    this.data.name = name;
    return this;
  }
  category(category: VolunteerCategory) {
    this.data.category = category;
    return this;
  }
  in(street: { id: number }) {
    this.data.streetId = street.id;
    return this;
  }
  code(invitationCode: string) {
    this.data.invitationCode = invitationCode;
    return this;
  }
  /** Already bound to this user (whose role the builder does not change). */
  boundTo(user: { id: number }) {
    this.data.userId = user.id;
    this.data.boundAt = new Date();
    return this;
  }
  inactive() {
    this.data.active = false;
    return this;
  }
  build(prisma: Db) {
    const n = next();
    return prisma.volunteer.create({
      data: { ...this.data, name: this.data.name || `监督员${n}`, invitationCode: this.data.invitationCode || `TEST${String(n).padStart(6, '0')}` },
    });
  }
}
export const aVolunteer = () => new VolunteerBuilder();

import { Injectable } from '@nestjs/common';
import type { AreasTree, Ref } from '@sa/contracts';
import { DomainException } from '../common/domain-exception';
import { AreaRepository } from './area.repository';
import { fieldError } from './field-error';
import { toRef } from './registry.mapper';

/** A place in the district: the street and community a business or cadre belongs to. */
export type Place = { districtId: number; streetId: number; communityId: number };

@Injectable()
export class AreaService {
  constructor(private readonly repo: AreaRepository) {}

  async tree(): Promise<AreasTree> {
    const district = await this.district();
    const offices = await this.repo.findTree(district.id);
    return { district: toRef(district), offices };
  }

  async district(): Promise<{ id: number; name: string }> {
    const district = await this.repo.findDistrict();
    if (!district) throw new DomainException('NOT_FOUND', '尚未配置辖区');
    return district;
  }

  /** The community must exist and lie in the street. */
  async place(streetId: number, communityId: number): Promise<Place> {
    const community = await this.repo.findCommunity(communityId);
    if (!community) throw fieldError('communityId', '社区不存在');
    if (community.streetId !== streetId) {
      if (!(await this.repo.findStreet(streetId))) throw fieldError('streetId', '街道不存在');
      throw new DomainException('AREA_MISMATCH');
    }
    return { districtId: community.street.districtId, streetId, communityId };
  }

  async street(streetId: number): Promise<{ id: number; districtId: number }> {
    const street = await this.repo.findStreet(streetId);
    if (!street) throw fieldError('streetId', '街道不存在');
    return street;
  }

  async community(communityId: number): Promise<Place> {
    const community = await this.repo.findCommunity(communityId);
    if (!community) throw fieldError('communityId', '社区不存在');
    return { districtId: community.street.districtId, streetId: community.streetId, communityId: community.id };
  }

  /** 业态, for the admin's business form. */
  async businessTypes(): Promise<Ref[]> {
    return this.repo.listBusinessTypes();
  }

  async requireBusinessType(id: number): Promise<void> {
    if (!(await this.repo.findBusinessType(id))) throw fieldError('businessTypeId', '业态不存在');
  }
}

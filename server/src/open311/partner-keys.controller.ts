import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { partnerKeyCreateInput, type PartnerKeyCreateInput } from '@sa/contracts';
import { Auth, type AuthUser, CurrentUser } from '../auth/auth.decorators';
import { Validate } from '../common/validate';
import { idParams, type IdParams } from '../registry/dto/params';
import { PartnerKeysService } from './partner-keys.service';

/** 开放接口密钥: the admin issues (the key is shown once), lists and revokes Open311 partners' keys. */
@ApiTags('admin')
@Controller('api/v1/admin/open311/keys')
export class PartnerKeysController {
  constructor(private readonly keys: PartnerKeysService) {}

  @Post()
  @Auth('ADMIN')
  @Validate({ body: partnerKeyCreateInput })
  issue(@CurrentUser() admin: AuthUser, @Body() body: PartnerKeyCreateInput) {
    return this.keys.issue(admin, body.name);
  }

  @Get()
  @Auth('ADMIN')
  list() {
    return this.keys.list();
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Auth('ADMIN')
  @Validate({ params: idParams })
  revoke(@CurrentUser() admin: AuthUser, @Param() { id }: IdParams) {
    return this.keys.revoke(admin, id);
  }
}

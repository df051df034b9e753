import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { userCreateInput, userListQuery, userPatch, type UserCreateInput, type UserListQuery, type UserPatch } from '@sa/contracts';
import { Auth, type AuthUser, CurrentUser } from '../auth/auth.decorators';
import { Validate } from '../common/validate';
import { idParams, type IdParams } from '../registry/dto/params';
import { UsersService } from './users.service';

@ApiTags('admin')
@Controller('api/v1/admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Auth('ADMIN')
  @Validate({ query: userListQuery })
  list(@Query() query: UserListQuery) {
    return this.users.list(query);
  }

  @Post()
  @Auth('ADMIN')
  @Validate({ body: userCreateInput })
  create(@Body() body: UserCreateInput) {
    return this.users.create(body);
  }

  /** `disabled: true` signs the user out everywhere; a new password clears their lockouts. */
  @Patch(':id')
  @Auth('ADMIN')
  @Validate({ params: idParams, body: userPatch })
  update(@CurrentUser() caller: AuthUser, @Param() { id }: IdParams, @Body() body: UserPatch) {
    return this.users.update(caller, id, body);
  }

  /** 强制下线: revokes every live session of the user. */
  @Post(':id/revoke-sessions')
  @HttpCode(200)
  @Auth('ADMIN')
  @Validate({ params: idParams })
  revokeSessions(@Param() { id }: IdParams) {
    return this.users.revokeSessions(id);
  }
}

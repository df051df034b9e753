import { Module } from '@nestjs/common';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** The bureau admin's user accounts (区食安办: 用户与角色). */
@Module({
  controllers: [UsersController],
  providers: [UsersRepository, UsersService],
})
export class UsersModule {}

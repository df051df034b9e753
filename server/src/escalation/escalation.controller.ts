import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorators';
import { EscalationService } from './escalation.service';

@ApiTags('admin')
@Controller('api/v1/admin/sweep')
export class EscalationController {
  constructor(private readonly escalation: EscalationService) {}

  /** Runs the deadline sweep (reminders, 督办) now instead of waiting for the timer. */
  @Post()
  @HttpCode(200)
  @Auth('ADMIN')
  sweep() {
    return this.escalation.sweep();
  }
}

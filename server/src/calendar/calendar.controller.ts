import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  calendarDateParams,
  calendarDayInput,
  calendarYearQuery,
  workingDaysQuery,
  type CalendarDateParams,
  type CalendarDayInput,
  type CalendarYearQuery,
  type WorkingDaysQuery,
} from '@sa/contracts';
import { Auth, type AuthUser, CurrentUser, Public } from '../auth/auth.decorators';
import { Validate } from '../common/validate';
import { Clock } from '../common/clock';
import { CalendarService } from './calendar.service';
import { shanghaiDate } from './working-days';

@ApiTags('calendar')
@Controller('api/v1')
export class CalendarController {
  constructor(
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  /** 法定工作日: the date `add` working days after `from` (the start day is not counted). */
  @Get('calendar/working-days')
  @Public()
  @Validate({ query: workingDaysQuery }, { from: 'INVALID_DATE', add: 'WORKING_DAYS_OUT_OF_RANGE' })
  workingDays(@Query() q: WorkingDaysQuery) {
    return this.calendar.workingDaysAfter(q.from, q.add);
  }

  /** The year's holidays (放假) and make-up working days (调休上班). */
  @Get('calendar/days')
  @Public()
  @Validate({ query: calendarYearQuery })
  days(@Query() q: CalendarYearQuery) {
    return this.calendar.listYear(q.year);
  }

  /** Which years have their official schedule entered, and how many open deadlines are provisional for want of one. */
  @Get('admin/calendar/years')
  @Auth('ADMIN')
  years() {
    return this.calendar.yearStatuses(shanghaiDate(this.clock.now()));
  }

  /** Sets a day as a holiday or a make-up working day, replacing what it was. */
  @Put('admin/calendar/days/:date')
  @Auth('ADMIN')
  @Validate({ params: calendarDateParams, body: calendarDayInput }, { date: 'INVALID_DATE' })
  put(@CurrentUser() caller: AuthUser, @Param() p: CalendarDateParams, @Body() body: CalendarDayInput) {
    return this.calendar.putDay(caller, p.date, body);
  }

  /** The day becomes an ordinary weekday or weekend day again. */
  @Delete('admin/calendar/days/:date')
  @HttpCode(204)
  @Auth('ADMIN')
  @Validate({ params: calendarDateParams }, { date: 'INVALID_DATE' })
  async remove(@CurrentUser() caller: AuthUser, @Param() p: CalendarDateParams): Promise<void> {
    await this.calendar.deleteDay(caller, p.date);
  }
}

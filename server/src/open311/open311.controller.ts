import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { open311CreateRequest, open311RequestFile, open311RequestsQuery, type Open311CreateRequest, type Open311RequestsQuery } from '@sa/contracts';
import type { z } from 'zod';
import { Public } from '../auth/auth.decorators';
import { RateLimit } from '../common/rate-limit';
import { Validate } from '../common/validate';
import { formatOf, Open311ErrorFilter, sendOpen311 } from './open311-errors';
import { Open311Service } from './open311.service';
import { PartnerKeyGuard, type PartnerRequest } from './partner-key.guard';

/** Open311 GeoReport v2 at /open311/v2, each document as .json or .xml; errors in the spec's shape. */
@ApiTags('open311')
@Controller('open311/v2')
@UseFilters(Open311ErrorFilter)
export class Open311Controller {
  constructor(private readonly open311: Open311Service) {}

  @Get(['services.json', 'services.xml'])
  @Public()
  services(@Req() req: Request, @Res() res: Response) {
    sendOpen311(res, formatOf(req), 200, 'services', 'service', this.open311.services());
  }

  /** Public fields only; service_request_id (comma list) overrides every other filter. */
  @Get(['requests.json', 'requests.xml'])
  @Public()
  @RateLimit({ key: 'open311-read', max: 600, windowSeconds: 600 })
  @Validate({ query: open311RequestsQuery })
  async requests(@Query() query: Open311RequestsQuery, @Req() req: Request, @Res() res: Response) {
    sendOpen311(res, formatOf(req), 200, 'service_requests', 'request', await this.open311.requests(query));
  }

  @Get('requests/:file')
  @Public()
  @RateLimit({ key: 'open311-read', max: 600, windowSeconds: 600 })
  @Validate({ params: open311RequestFile })
  async request(@Param() { file }: z.infer<typeof open311RequestFile>, @Res() res: Response) {
    sendOpen311(res, file.format, 200, 'service_requests', 'request', await this.open311.request(file.id));
  }

  /** Form-encoded (as the spec posts) or JSON; `api_key` issued by the bureau's admin. */
  @Post(['requests.json', 'requests.xml'])
  @Public()
  @RateLimit({ key: 'open311-submit', max: 300, windowSeconds: 600 })
  @UseGuards(PartnerKeyGuard)
  @Validate({ body: open311CreateRequest })
  async create(@Body() body: Open311CreateRequest, @Req() req: PartnerRequest, @Res() res: Response) {
    sendOpen311(res, formatOf(req), 201, 'service_requests', 'request', await this.open311.create(body, req.partner!));
  }
}

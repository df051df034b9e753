import { Module } from '@nestjs/common';
import { WechatModule } from '../wechat/wechat.module';
import { ContentSafetyRepository } from './content-safety.repository';
import { ContentSafetyService } from './content-safety.service';
import { WechatEventsController } from './wechat-events.controller';
import { WechatMediaController } from './wechat-media.controller';

/** 内容安全: WeChat checks of what mini-program users write and upload, and WeChat's verdict pushes. */
@Module({
  imports: [WechatModule],
  controllers: [WechatEventsController, WechatMediaController],
  providers: [ContentSafetyRepository, ContentSafetyService],
  exports: [ContentSafetyService],
})
export class ContentSafetyModule {}

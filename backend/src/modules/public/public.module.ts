import { Module } from '@nestjs/common';
import { RedemptionsModule } from '../redemptions/redemptions.module.js';
import { PublicController } from './public.controller.js';

/** Unauthenticated endpoints: the activation page's API. */
@Module({ imports: [RedemptionsModule], controllers: [PublicController] })
export class PublicModule {}

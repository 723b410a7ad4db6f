import { Module } from '@nestjs/common';
import { CartController } from './cart.controller';
import { CartService } from './cart.service';
import { PlanController } from './plan.controller';
import { PlanService } from './plan.service';

@Module({
  controllers: [CartController, PlanController],
  providers: [CartService, PlanService],
  exports: [CartService, PlanService],
})
export class CartModule {}

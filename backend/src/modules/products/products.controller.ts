import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentProject, type ProjectAccess, RequireRole } from '../../common/auth/principal.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { ProjectScoped } from '../../common/http/project-param.js';
import type { Plan } from './plan.entity.js';
import type { Product } from './product.entity.js';
import { ProductsService } from './products.service.js';
import {
  CreatePlanDto,
  CreateProductDto,
  ListProductsQueryDto,
  PlanDto,
  PlanListDto,
  ProductDto,
  ProductListDto,
  UpdatePlanDto,
  UpdateProductDto,
} from './dto/product.dto.js';
import { ProblemResponses } from '../../common/http/openapi-contract.js';

export function toPlanDto(plan: Plan): PlanDto {
  return {
    id: plan.id,
    productId: plan.product.id,
    name: plan.name,
    accessDays: plan.accessDays ?? null,
    archived: Boolean(plan.archivedAt),
    createdAt: plan.createdAt.toISOString(),
  };
}

function toProductDto(product: Product, plans: Plan[]): ProductDto {
  return {
    id: product.id,
    name: product.name,
    description: product.description ?? null,
    archived: Boolean(product.archivedAt),
    plans: plans.filter((p) => p.product.id === product.id).map(toPlanDto),
    createdAt: product.createdAt.toISOString(),
  };
}

const productIdPipe = new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound('Product') });
const planIdPipe = new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound('Plan') });

@ApiTags('products')
@ProjectScoped()
@Controller('projects/:projectId/products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @RequireRole('support')
  @ApiOkResponse({ type: ProductListDto })
  async listProducts(
    @CurrentProject() access: ProjectAccess,
    @Query() query: ListProductsQueryDto,
  ): Promise<ProductListDto> {
    const { products, plans } = await this.products.list(access.projectId, query.includeArchived ?? false);
    return { items: products.map((p) => toProductDto(p, plans)), nextCursor: null };
  }

  @Post()
  @RequireRole('admin')
  @ApiCreatedResponse({ type: ProductDto })
  async createProduct(
    @CurrentProject() access: ProjectAccess,
    @Body() body: CreateProductDto,
  ): Promise<ProductDto> {
    return toProductDto(await this.products.createProduct(access.projectId, body), []);
  }

  @Get(':productId')
  @RequireRole('support')
  @ApiOkResponse({ type: ProductDto })
  async getProduct(
    @CurrentProject() access: ProjectAccess,
    @Param('productId', productIdPipe) productId: string,
  ): Promise<ProductDto> {
    const { product, plans } = await this.products.getProduct(access.projectId, productId);
    return toProductDto(product, plans);
  }

  @Patch(':productId')
  @RequireRole('admin')
  @ApiOkResponse({ type: ProductDto })
  async updateProduct(
    @CurrentProject() access: ProjectAccess,
    @Param('productId', productIdPipe) productId: string,
    @Body() body: UpdateProductDto,
  ): Promise<ProductDto> {
    await this.products.updateProduct(access.projectId, productId, body);
    const { product, plans } = await this.products.getProduct(access.projectId, productId);
    return toProductDto(product, plans);
  }

  @Delete(':productId')
  @RequireRole('admin')
  @HttpCode(204)
  @ProblemResponses({ 409: ['plan_in_use'] })
  async deleteProduct(
    @CurrentProject() access: ProjectAccess,
    @Param('productId', productIdPipe) productId: string,
  ): Promise<void> {
    await this.products.deleteProduct(access.projectId, productId);
  }

  @Get(':productId/plans')
  @RequireRole('support')
  @ApiOkResponse({ type: PlanListDto })
  async listPlans(
    @CurrentProject() access: ProjectAccess,
    @Param('productId', productIdPipe) productId: string,
  ): Promise<PlanListDto> {
    return {
      items: (await this.products.listPlans(access.projectId, productId)).map(toPlanDto),
      nextCursor: null,
    };
  }

  @Post(':productId/plans')
  @RequireRole('admin')
  @ApiCreatedResponse({ type: PlanDto })
  async createPlan(
    @CurrentProject() access: ProjectAccess,
    @Param('productId', productIdPipe) productId: string,
    @Body() body: CreatePlanDto,
  ): Promise<PlanDto> {
    return toPlanDto(await this.products.createPlan(access.projectId, productId, body));
  }

  @Patch(':productId/plans/:planId')
  @RequireRole('admin')
  @ApiOkResponse({ type: PlanDto })
  async updatePlan(
    @CurrentProject() access: ProjectAccess,
    @Param('productId', productIdPipe) productId: string,
    @Param('planId', planIdPipe) planId: string,
    @Body() body: UpdatePlanDto,
  ): Promise<PlanDto> {
    return toPlanDto(await this.products.updatePlan(access.projectId, productId, planId, body));
  }

  @Delete(':productId/plans/:planId')
  @RequireRole('admin')
  @HttpCode(204)
  @ProblemResponses({ 409: ['plan_in_use'] })
  async deletePlan(
    @CurrentProject() access: ProjectAccess,
    @Param('productId', productIdPipe) productId: string,
    @Param('planId', planIdPipe) planId: string,
  ): Promise<void> {
    await this.products.deletePlan(access.projectId, productId, planId);
  }
}

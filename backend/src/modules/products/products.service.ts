import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../../common/errors/domain-error.js';
import { Plan } from './plan.entity.js';
import { Product } from './product.entity.js';
import type { CreatePlanDto, CreateProductDto, UpdatePlanDto, UpdateProductDto } from './dto/product.dto.js';

/** Counts the codes that use a plan; the access-codes module provides it so products need not know codes. */
export abstract class PlanUsage {
  abstract codesUsingPlan(em: EntityManager, projectId: string, planId: string): Promise<number>;
  abstract codesUsingProduct(em: EntityManager, projectId: string, productId: string): Promise<number>;
}

@Injectable()
export class ProductsService {
  constructor(
    private readonly em: EntityManager,
    private readonly usage: PlanUsage,
  ) {}

  async list(projectId: string, includeArchived: boolean): Promise<{ products: Product[]; plans: Plan[] }> {
    const em = this.em.fork();
    const archived = includeArchived ? {} : { archivedAt: null };
    const products = await em.find(
      Product,
      { project: projectId, ...archived },
      { orderBy: { name: 'asc', id: 'asc' } },
    );
    const plans = await em.find(
      Plan,
      { project: projectId, product: { $in: products.map((p) => p.id) }, ...archived },
      { orderBy: { name: 'asc', id: 'asc' } },
    );
    return { products, plans };
  }

  async getProduct(projectId: string, productId: string): Promise<{ product: Product; plans: Plan[] }> {
    const em = this.em.fork();
    const product = await this.productOrFail(em, projectId, productId);
    const plans = await em.find(Plan, { product }, { orderBy: { name: 'asc', id: 'asc' } });
    return { product, plans };
  }

  async createProduct(projectId: string, dto: CreateProductDto): Promise<Product> {
    const em = this.em.fork();
    const product = em.create(Product, {
      project: projectId,
      name: dto.name,
      description: dto.description ?? null,
    });
    await em.flush();
    return product;
  }

  async updateProduct(projectId: string, productId: string, dto: UpdateProductDto): Promise<Product> {
    const em = this.em.fork();
    const product = await this.productOrFail(em, projectId, productId);
    if (dto.name !== undefined) product.name = dto.name;
    if (dto.description !== undefined) product.description = dto.description;
    if (dto.archived !== undefined)
      product.archivedAt = dto.archived ? (product.archivedAt ?? new Date()) : null;
    await em.flush();
    return product;
  }

  async deleteProduct(projectId: string, productId: string): Promise<void> {
    await this.em.fork().transactional(async (em) => {
      const product = await this.productOrFail(em, projectId, productId);
      if (await this.usage.codesUsingProduct(em, projectId, product.id)) {
        throw new DomainError('plan_in_use', 409, 'Codes were issued for this product: archive it instead');
      }
      em.remove(product);
    });
  }

  async listPlans(projectId: string, productId: string): Promise<Plan[]> {
    const em = this.em.fork();
    await this.productOrFail(em, projectId, productId);
    return em.find(Plan, { product: productId }, { orderBy: { name: 'asc', id: 'asc' } });
  }

  async createPlan(projectId: string, productId: string, dto: CreatePlanDto): Promise<Plan> {
    const em = this.em.fork();
    const product = await this.productOrFail(em, projectId, productId);
    const plan = em.create(Plan, {
      project: projectId,
      product,
      name: dto.name,
      accessDays: dto.accessDays ?? null,
    });
    await em.flush();
    return plan;
  }

  async updatePlan(projectId: string, productId: string, planId: string, dto: UpdatePlanDto): Promise<Plan> {
    const em = this.em.fork();
    const plan = await this.planOrFail(em, projectId, productId, planId);
    if (dto.name !== undefined) plan.name = dto.name;
    if (dto.accessDays !== undefined) plan.accessDays = dto.accessDays;
    if (dto.archived !== undefined) plan.archivedAt = dto.archived ? (plan.archivedAt ?? new Date()) : null;
    await em.flush();
    return plan;
  }

  async deletePlan(projectId: string, productId: string, planId: string): Promise<void> {
    await this.em.fork().transactional(async (em) => {
      const plan = await this.planOrFail(em, projectId, productId, planId);
      if (await this.usage.codesUsingPlan(em, projectId, plan.id)) {
        throw new DomainError('plan_in_use', 409, 'Codes were issued on this plan: archive it instead');
      }
      em.remove(plan);
    });
  }

  /** A plan of the project, with its product, that new codes may be issued on. */
  async issuablePlan(em: EntityManager, projectId: string, productId: string, planId: string): Promise<Plan> {
    const plan = await em.findOne(
      Plan,
      { id: planId, product: productId, project: projectId },
      { populate: ['product'] },
    );
    if (!plan) throw DomainError.validation('planId', 'No such plan for this product');
    if (plan.archivedAt || plan.product.archivedAt)
      throw DomainError.validation('planId', 'This plan or product is archived');
    return plan;
  }

  private async productOrFail(em: EntityManager, projectId: string, productId: string): Promise<Product> {
    const product = await em.findOne(Product, { id: productId, project: projectId });
    if (!product) throw DomainError.notFound('Product');
    return product;
  }

  private async planOrFail(
    em: EntityManager,
    projectId: string,
    productId: string,
    planId: string,
  ): Promise<Plan> {
    const plan = await em.findOne(Plan, { id: planId, product: productId, project: projectId });
    if (!plan) throw DomainError.notFound('Plan');
    return plan;
  }
}

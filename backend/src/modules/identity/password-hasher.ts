import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

/** argon2id with the library's defaults (64 MiB, t=3, p=4). */
@Injectable()
export class PasswordHasher {
  private dummy?: Promise<string>;

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  verify(hash: string, password: string): Promise<boolean> {
    return argon2.verify(hash, password).catch(() => false);
  }

  /** Spends the same time as a real check, so an unknown email cannot be told by latency. */
  async verifyNothing(password: string): Promise<false> {
    this.dummy ??= this.hash('admit-timing-equaliser');
    await this.verify(await this.dummy, password);
    return false;
  }
}

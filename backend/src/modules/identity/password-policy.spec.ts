import { weakPasswordReason } from './password-policy.js';

describe('weakPasswordReason', () => {
  it.each([
    ['password', 'too_short'],
    ['12345678', 'too_short'],
    ['aaaaaaaa', 'too_short'],
    ['elevenchars', 'too_short'],
    ['password1234', 'too_common'],
    ['PASSWORD1234', 'too_common'],
    ['123456789012', 'too_common'],
    ['!!monkey123456', 'too_common'],
    ['abababababab', 'too_common'],
    ['ada.lovelace99', 'too_similar'],
    ['my-adalovelace-pw', 'too_similar'],
  ])('refuses %s as %s', (password, reason) => {
    expect(weakPasswordReason(password, 'Ada.Lovelace@example.test')).toBe(reason);
  });

  it.each(['correct horse battery', 'admit-console-dev', 'Tr0ub4dor&3-xyz', 'ünïcödé-wörds-ok'])(
    'accepts %s',
    (password) => {
      expect(weakPasswordReason(password, 'ada@example.test')).toBeNull();
    },
  );
});

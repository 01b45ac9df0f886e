/** Schemas shared by several route files; each route file declares its own bodies. */
import { Type } from '@sinclair/typebox';

export const ErrorBodySchema = Type.Object(
  {
    code: Type.Integer(),
    msg: Type.String(),
    reason: Type.Optional(Type.String()),
    retryAfter: Type.Optional(Type.Integer()),
    details: Type.Record(Type.String(), Type.Unknown()),
    help: Type.String(),
    requestId: Type.String(),
  },
  { $id: 'ErrorBody', description: 'The error envelope every failure answers with (see docs/errors.md)' },
);

export const EmailField = Type.String({ minLength: 1, maxLength: 320, description: 'Email address (case-insensitive)' });
export const PasswordField = Type.String({ minLength: 1, maxLength: 1024, description: '8-128 characters after NFC normalization' });
export const CodeField = Type.String({ pattern: '^[0-9]{6}$', description: '6-digit code' });

export const SessionSchema = Type.Object({
  token: Type.Optional(Type.String({ description: 'Bearer token; omitted when the session went into the HttpOnly cookie' })),
  expiresAt: Type.String({ format: 'date-time' }),
});

/** Standard error responses for OpenAPI, by status. */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [s, Type.Ref(ErrorBodySchema)]));
}

export const StatusOnly = (status: string) => Type.Object({ status: Type.Literal(status) });

const IsoDate = Type.String({ format: 'date-time' });

export const AccountViewSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  kycCountry: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(Type.String()),
  twoFactor: Type.Object({ totp: Type.Boolean(), email: Type.Boolean(), sms: Type.Boolean(), backupCodesRemaining: Type.Integer() }),
  frozen: Type.Union([Type.Literal(false), Type.Object({ type: Type.String(), at: IsoDate })]),
  restrictions: Type.Array(Type.String()),
  securityHoldUntil: Type.Union([IsoDate, Type.Null()]),
  locale: Type.String(),
});

export const SessionInfoSchema = Type.Object({
  account: Type.Object({ id: Type.String(), email: Type.String(), roles: Type.Array(Type.String()) }),
  session: Type.Object({
    id: Type.String(),
    kind: Type.String(),
    deviceId: Type.Union([Type.String(), Type.Null()]),
    createdAt: IsoDate,
    expiresAt: IsoDate,
    idleExpiresAt: IsoDate,
  }),
  restrictions: Type.Array(Type.String()),
});

export const LoginHistorySchema = Type.Object({
  items: Type.Array(
    Type.Object({
      at: IsoDate,
      ip: Type.String(),
      country: Type.Union([Type.String(), Type.Null()]),
      device: Type.Object({ id: Type.Union([Type.String(), Type.Null()]), name: Type.String() }),
      result: Type.Union([Type.Object({ code: Type.Integer(), reason: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
      flags: Type.Array(Type.String()),
    }),
  ),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const DeviceListSchema = Type.Array(
  Type.Object({
    id: Type.String(),
    name: Type.String(),
    firstSeenAt: IsoDate,
    lastSeenAt: IsoDate,
    lastIp: Type.String(),
    lastCountry: Type.Union([Type.String(), Type.Null()]),
    current: Type.Boolean(),
    trusted: Type.Boolean(),
  }),
);

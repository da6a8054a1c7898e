import { z } from 'zod'

export const TOKEN_KINDS = ['feedback', 'view', 'annotate'] as const
export type TokenKind = (typeof TOKEN_KINDS)[number]

export const MAX_TOKEN_SECONDS = 86_400

/** `POST /api/v1/tokens`: mint a short-lived, scoped browser credential with the secret key. */
export const tokenRequestSchema = z.strictObject({
  kind: z.enum(TOKEN_KINDS),
  expiresIn: z.number().int().min(1).max(MAX_TOKEN_SECONDS).default(3600),
  traceIds: z.array(z.string().min(1).max(256)).max(1000).optional(),
  names: z.array(z.string().min(1).max(200)).max(100).optional(),
  filters: z
    .record(z.string().max(300), z.union([z.string().max(1000), z.number(), z.array(z.string().max(200)).max(20)]))
    .refine((f) => Object.keys(f).length <= 30, 'at most 30 filters')
    .optional(),
  reviewer: z.string().min(1).max(256).optional(),
  queueIds: z.array(z.string().min(1).max(256)).max(100).optional(),
})
export type TokenRequest = z.input<typeof tokenRequestSchema>

export const tokenResponseSchema = z.object({ token: z.string(), expiresAt: z.string() })
export type TokenResponse = z.infer<typeof tokenResponseSchema>

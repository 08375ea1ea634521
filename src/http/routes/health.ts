import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.ts';

const HealthSchema = z
  .object({ status: z.enum(['ok', 'degraded']), storage: z.enum(['ok', 'unavailable']) })
  .openapi('Health');

const health = createRoute({
  method: 'get',
  path: '/health',
  summary: 'Liveness and storage readiness',
  responses: {
    200: { description: 'Serving, storage reachable', content: { 'application/json': { schema: HealthSchema } } },
    503: { description: 'Serving, storage unreachable', content: { 'application/json': { schema: HealthSchema } } },
  },
});

export function registerHealth(app: OpenAPIHono<AppEnv>) {
  app.openapi(health, async (c) => {
    try {
      // One row by key: proves the store answers without the cost of listing every source's counts.
      await c.get('deps').store.getSetting('health');
      return c.json({ status: 'ok' as const, storage: 'ok' as const }, 200);
    } catch {
      return c.json({ status: 'degraded' as const, storage: 'unavailable' as const }, 503);
    }
  });
}

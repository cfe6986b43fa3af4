// The `http` module: a read-only health check by URL, made from the host; fails the task when unhealthy.
import type { HostModule } from '../../core/module.js';
import { httpFacts, planHttp } from './plan.js';
import { httpArgsSchema, type HttpArgs } from './schema.js';

export const httpModule: HostModule<HttpArgs> = {
  name: 'http',
  summary: 'Check that a URL answers (status, body), retrying; changes nothing',
  example: `- name: the site answers
  http:
    url: http://127.0.0.1/healthz
    status: 200
    body_contains: ok\n`,
  target: 'host',
  schema: httpArgsSchema,
  facts: httpFacts,
  plan: planHttp,
};

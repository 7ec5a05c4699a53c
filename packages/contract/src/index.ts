import { z } from 'zod';

// Validation messages in Chinese first, for the API and the forms alike (the same schemas).
z.config(z.locales.zhCN());

export * from './errors.ts';
export * from './common.ts';
export * from './auth.ts';
export * from './notifications.ts';
export * from './system.ts';
export * from './users.ts';
export * from './org.ts';
export * from './people.ts';
export * from './imports.ts';
export * from './performance.ts';
export * from './integration.ts';
export * from './policy-settings.ts';
export * from './calendar.ts';
export * from './pip-states.ts';
export * from './templates.ts';
export * from './policies.ts';
export * from './pip.ts';
export * from './wecom.ts';
export * from './checkins.ts';
export * from './evaluations.ts';
export * from './outcomes.ts';
export * from './compliance.ts';
export * from './evidence.ts';

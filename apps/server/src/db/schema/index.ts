export * from './auth.ts';
export * from './audit.ts';
export * from './notify.ts';
export * from './org.ts';
export * from './import.ts';
export * from './performance.ts';
export * from './integration.ts';
export * from './policies.ts';

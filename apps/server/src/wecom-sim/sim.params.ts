import { SimError } from './sim.errors.ts';

// Small readers for request bodies: a wrong type is 40058 (invalid parameter) naming the field,
// since WeCom validates what it reads; unknown fields are ignored like the live server does.

export function str(body: Record<string, unknown>, key: string, opts: { required?: boolean; max?: number } = {}): string | null {
  const v = body[key];
  if (v === undefined || v === null || v === '') {
    if (opts.required) throw new SimError(40058, `${key} missing`);
    return null;
  }
  if (typeof v !== 'string') throw new SimError(40058, `${key} must be a string`);
  if (opts.max !== undefined && [...v].length > opts.max) throw new SimError(40058, `${key} too long`);
  return v;
}

export function int(body: Record<string, unknown>, key: string, opts: { required?: boolean; min?: number; max?: number } = {}): number | null {
  const v = body[key];
  if (v === undefined || v === null || v === '') {
    if (opts.required) throw new SimError(40058, `${key} missing`);
    return null;
  }
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new SimError(40058, `${key} must be an integer`);
  if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) throw new SimError(40058, `${key} out of range`);
  return n;
}

export function obj(body: Record<string, unknown>, key: string, required = false): Record<string, unknown> | null {
  const v = body[key];
  if (v === undefined || v === null) {
    if (required) throw new SimError(40058, `${key} missing`);
    return null;
  }
  if (typeof v !== 'object' || Array.isArray(v)) throw new SimError(40058, `${key} must be an object`);
  return v as Record<string, unknown>;
}

export function strList(body: Record<string, unknown>, key: string, max: number): string[] {
  const v = body[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new SimError(40058, `${key} must be a list of strings`);
  if (v.length > max) throw new SimError(40058, `${key}: at most ${max}`);
  return v as string[];
}

/** `[{userid}]` lists (schedule attendees). */
export function userRefs(body: Record<string, unknown>, key: string, max: number): string[] {
  const v = body[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new SimError(40058, `${key} must be a list`);
  if (v.length > max) throw new SimError(40058, `${key}: at most ${max}`);
  return v.map((a) => {
    const id = a !== null && typeof a === 'object' ? (a as { userid?: unknown }).userid : undefined;
    if (typeof id !== 'string' || id === '') throw new SimError(40058, `${key}[].userid missing`);
    return id.toLowerCase();
  });
}

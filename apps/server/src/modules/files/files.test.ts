import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { defaultPolicySettings } from '@uplift/contract';
import { queryRows } from '../../db/client.ts';
import { buildOrgFixture, FIXTURE_PASSWORD, type OrgFixture } from '../../../test/support/org-fixture.ts';
import { multipart } from '../../../test/support/multipart.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { sections } from '../policies/policy-fixtures.ts';
import { MAX_FILE_BYTES } from './files.service.ts';

let t: TestApp;
let fx: OrgFixture;
let hr: Client;
let versionId: string;
beforeAll(async () => {
  t = await createTestApp();
  fx = await buildOrgFixture(t.db.database.db, t.services.fieldCrypto);
  hr = await t.login('f-grouphr', FIXTURE_PASSWORD);
  versionId = (await hr.request('POST', `/api/policies/${fx.units.G.id}/versions`, { title: '制度', sections: sections('f'), settings: defaultPolicySettings })).json().id;
});
afterAll(() => t.close());

const upload = (fields: Record<string, string>, file: { name: string; content: Buffer | string; type?: string }) => {
  const body = multipart(fields, file);
  return hr.request('POST', '/api/files', body.payload, body.headers);
};

describe('file storage', () => {
  it('stores the bytes with their SHA-256 and an audit record, and serves them back unchanged', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x10]);
    const res = await upload({ ownerType: 'policy_version', ownerId: versionId }, { name: '会议照片.png', content: bytes, type: 'image/png' });
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({ name: '会议照片.png', contentType: 'image/png', size: 7, sha256: createHash('sha256').update(bytes).digest('hex') });
    const down = await hr.request('GET', `/api/files/${file.id}`);
    expect(down.rawPayload.equals(bytes)).toBe(true);
    expect(down.headers['content-disposition']).toContain("filename*=UTF-8''%E4%BC%9A");
    const [a] = await queryRows<{ n: number }>(t.db.database.db, sql`select count(*)::int as n from audit_log where action = 'file.upload' and entity_id = ${versionId}`);
    expect(a!.n).toBe(1);
  });

  it('refuses what is too large, of an unknown type, or without an owner', async () => {
    const big = await upload({ ownerType: 'policy_version', ownerId: versionId }, { name: 'big.pdf', content: Buffer.alloc(MAX_FILE_BYTES + 1), type: 'application/pdf' });
    expect(big.statusCode).toBe(413);
    expect((await upload({ ownerType: 'policy_version', ownerId: versionId }, { name: 'run.sh', content: '#!/bin/sh', type: 'text/x-sh' })).statusCode).toBe(415);
    expect((await upload({ ownerType: 'nothing', ownerId: versionId }, { name: 'a.pdf', content: '%PDF' })).statusCode).toBe(400);
    expect((await upload({}, { name: 'a.pdf', content: '%PDF' })).statusCode).toBe(400);
    expect((await upload({ ownerType: 'policy_version', ownerId: versionId }, { name: 'empty.pdf', content: '' })).statusCode).toBe(400);
    // octet-stream with a known extension is taken by its extension
    const doc = await upload({ ownerType: 'policy_version', ownerId: versionId }, { name: '纪要.docx', content: 'PK..' });
    expect(doc.json().contentType).toContain('wordprocessingml');
  });

  it('removes a file while its owner may still change, with an audit record', async () => {
    const id = (await upload({ ownerType: 'policy_version', ownerId: versionId }, { name: 'x.txt', content: 'x', type: 'text/plain' })).json().id;
    expect((await hr.request('DELETE', `/api/files/${id}`)).statusCode).toBe(200);
    expect((await hr.request('GET', `/api/files/${id}`)).statusCode).toBe(404);
    const [a] = await queryRows<{ n: number }>(t.db.database.db, sql`select count(*)::int as n from audit_log where action = 'file.remove'`);
    expect(a!.n).toBe(1);
  });
});

import { storedFileSchema } from '@uplift/contract';
import type { Api } from '../../app/api-client.ts';

/** Uploads a file for an owner (a check-in, a training, a policy version): the files module records its SHA-256. */
export function uploadStoredFile(api: Api, owner: { type: string; id: string }, file: File) {
  const form = new FormData();
  form.append('ownerType', owner.type);
  form.append('ownerId', owner.id);
  form.append('file', file);
  return api.upload('/api/files', storedFileSchema, form);
}

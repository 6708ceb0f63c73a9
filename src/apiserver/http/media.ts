/** Media types: what a request body is, and whether the client asked for a server-side Table. */

/** The Content-Type of Table responses. */
export const tableContentType = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/** The Content-Type of every other response (bodies are always JSON). */
export const jsonContentType = 'application/json';

/** The four patch media types kube-apiserver accepts, in the order its 415 message lists them. */
export const patchMediaTypes = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
] as const;

/** One of the patch media types. */
export type PatchMediaType = (typeof patchMediaTypes)[number];

/** The body media types of create and update, as the 415 message lists them. */
export const objectMediaTypes = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

/** The bare media type of a Content-Type header: lower case, parameters dropped (`''` when absent). */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Whether one of the Accept header's entries asks for a meta.k8s.io Table. */
export function wantsTable(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  return accept.split(',').some((entry) => {
    const params = entry.split(';').map((p) => p.trim().replace(/\s+/g, ''));
    return params.includes('as=Table') && params.includes('g=meta.k8s.io');
  });
}

/** Whether `type` is a patch media type. */
export function isPatchMediaType(type: string): type is PatchMediaType {
  return (patchMediaTypes as readonly string[]).includes(type);
}

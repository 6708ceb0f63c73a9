/** The PATCH engines: JSON merge patch, JSON patch, strategic merge patch and server-side apply. */
export {
  badPatch,
  type PatchError,
  type PatchResult,
  UNPROCESSABLE_PATCH_MESSAGE,
  unclassifiedPatchError,
  unprocessablePatch,
} from './errors.ts';
export { isJsonObject, type JsonObject, type JsonValue } from './json.ts';
export { applyJsonPatch, type JsonPatchOperation } from './json-patch.ts';
export { applyMergePatch } from './merge-patch.ts';
export type { ListMergeStrategy, PatchSchema } from './schema.ts';
export {
  DEPLOYMENT_PATCH_SCHEMA,
  ENDPOINT_SLICE_PATCH_SCHEMA,
  ENDPOINTS_PATCH_SCHEMA,
  EVENT_PATCH_SCHEMA,
  NAMESPACE_PATCH_SCHEMA,
  NODE_PATCH_SCHEMA,
  PATCH_SCHEMAS,
  patchSchemaFor,
  POD_PATCH_SCHEMA,
  REPLICA_SET_PATCH_SCHEMA,
  SERVICE_PATCH_SCHEMA,
} from './schemas.ts';
export { type ApplyResult, applyServerSideApply, FIELD_MANAGER_REQUIRED } from './server-side-apply.ts';
export { applyStrategicMergePatch } from './strategic-merge.ts';

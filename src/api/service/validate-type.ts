/** Rules that depend on spec.type: headless limits, ExternalName fields, the type value itself. */
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { type FieldError, forbidden, invalid, notSupported, required } from '../field-errors.ts';
import { isDNS1123Subdomain } from '../validation/names.ts';
import { ServiceType, SUPPORTED_SERVICE_TYPES } from './constants.ts';
import { isHeadless } from './predicates.ts';

const EXTERNAL_NAME_FORBIDDEN = 'may not be set for ExternalName services';

function validateExternalName(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  const errors: FieldError[] = [];
  if ((spec.clusterIPs ?? []).length > 0) errors.push(forbidden('spec.clusterIPs', EXTERNAL_NAME_FORBIDDEN));
  if ((spec.ipFamilies ?? []).length > 0) errors.push(forbidden('spec.ipFamilies', EXTERNAL_NAME_FORBIDDEN));
  if (spec.ipFamilyPolicy !== undefined) errors.push(forbidden('spec.ipFamilyPolicy', EXTERNAL_NAME_FORBIDDEN));
  // The CNAME may end with a dot to mark it fully qualified.
  const cname = (spec.externalName ?? '').replace(/\.$/, '');
  if (cname === '') errors.push(required('spec.externalName'));
  else errors.push(...isDNS1123Subdomain(cname).map((msg) => invalid('spec.externalName', cname, msg)));
  return errors;
}

/** Headless is not allowed for NodePort/LoadBalancer; ExternalName has no IP fields but a DNS name. */
export function validateTypeSpecificFields(svc: Service): FieldError[] {
  const type = svc.spec?.type;
  if (type === ServiceType.LoadBalancer || type === ServiceType.NodePort) {
    if (!isHeadless(svc)) return [];
    return [
      invalid('spec.clusterIPs[0]', svc.spec?.clusterIPs?.[0] ?? '', `may not be set to 'None' for ${type} services`),
    ];
  }
  return type === ServiceType.ExternalName ? validateExternalName(svc) : [];
}

/** spec.type is required and one of the four types. */
export function validateServiceType(svc: Service): FieldError[] {
  const type = svc.spec?.type ?? '';
  if (type === '') return [required('spec.type')];
  return SUPPORTED_SERVICE_TYPES.includes(type) ? [] : [notSupported('spec.type', type, SUPPORTED_SERVICE_TYPES)];
}

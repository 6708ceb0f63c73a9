/**
 * Traffic-related rules of ValidateService: session affinity, external/internal traffic policy,
 * healthCheckNodePort, trafficDistribution, externalIPs.
 */
import type { Service, SessionAffinityConfig } from 'kubernetes-types/core/v1.d.ts';
import { type FieldError, forbidden, invalid, notSupported, required } from '../field-errors.ts';
import { validateIP, validateNonSpecialIP } from '../validation/ip.ts';
import { isValidPortNum } from '../validation/names.ts';
import {
  MAX_CLIENT_IP_AFFINITY_SECONDS,
  ServiceType,
  SessionAffinity,
  SUPPORTED_SESSION_AFFINITIES,
  SUPPORTED_TRAFFIC_DISTRIBUTIONS,
  SUPPORTED_TRAFFIC_POLICIES,
} from './constants.ts';
import { externallyAccessible, needsHealthCheck } from './predicates.ts';

const AFFINITY_CONFIG = 'spec.sessionAffinityConfig';

function validateClientIPAffinityConfig(config: SessionAffinityConfig | undefined): FieldError[] {
  const when = `when session affinity type is ${SessionAffinity.ClientIP}`;
  if (config === undefined) return [required(AFFINITY_CONFIG, when)];
  if (config.clientIP === undefined) return [required(`${AFFINITY_CONFIG}.clientIP`, when)];
  const timeout = config.clientIP.timeoutSeconds;
  const path = `${AFFINITY_CONFIG}.clientIP.timeoutSeconds`;
  if (timeout === undefined) return [required(path, when)];
  if (timeout > 0 && timeout <= MAX_CLIENT_IP_AFFINITY_SECONDS) return [];
  return [invalid(path, timeout, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`)];
}

/** sessionAffinity is required and ClientIP or None; its config must fit it. */
export function validateSessionAffinity(svc: Service): FieldError[] {
  const affinity = svc.spec?.sessionAffinity ?? '';
  const errors: FieldError[] = [];
  if (affinity === '') errors.push(required('spec.sessionAffinity'));
  else if (!SUPPORTED_SESSION_AFFINITIES.includes(affinity)) {
    errors.push(notSupported('spec.sessionAffinity', affinity, SUPPORTED_SESSION_AFFINITIES));
  }
  if (affinity === SessionAffinity.ClientIP)
    errors.push(...validateClientIPAffinityConfig(svc.spec?.sessionAffinityConfig));
  if (affinity === SessionAffinity.None && svc.spec?.sessionAffinityConfig !== undefined) {
    errors.push(forbidden(AFFINITY_CONFIG, `must not be set when session affinity is ${SessionAffinity.None}`));
  }
  return errors;
}

/** Each external IP is a valid, non-special address. */
export function validateExternalIPs(svc: Service): FieldError[] {
  return (svc.spec?.externalIPs ?? []).flatMap((ip, i) => {
    const path = `spec.externalIPs[${i}]`;
    const errors = validateIP(path, ip);
    return errors.length > 0 ? errors : validateNonSpecialIP(path, ip);
  });
}

function validateExternalTrafficPolicyValue(svc: Service): FieldError[] {
  const policy = svc.spec?.externalTrafficPolicy ?? '';
  const path = 'spec.externalTrafficPolicy';
  if (!externallyAccessible(svc)) {
    return policy === '' ? [] : [invalid(path, policy, 'may only be set for externally-accessible services')];
  }
  if (policy === '') return [required(path)];
  return SUPPORTED_TRAFFIC_POLICIES.includes(policy) ? [] : [notSupported(path, policy, SUPPORTED_TRAFFIC_POLICIES)];
}

function validateHealthCheckNodePort(svc: Service): FieldError[] {
  const port = svc.spec?.healthCheckNodePort ?? 0;
  const path = 'spec.healthCheckNodePort';
  if (!needsHealthCheck(svc)) {
    const detail = "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'";
    return port === 0 ? [] : [invalid(path, port, detail)];
  }
  if (port === 0) return [required(path)];
  return isValidPortNum(port).map((msg) => invalid(path, port, msg));
}

/** externalTrafficPolicy only (and then always) for externally-accessible Services; healthCheckNodePort only for LB+Local. */
export function validateExternalTrafficPolicy(svc: Service): FieldError[] {
  return [...validateExternalTrafficPolicyValue(svc), ...validateHealthCheckNodePort(svc)];
}

/** internalTrafficPolicy is required for the cluster-IP types and must be Cluster or Local. */
export function validateInternalTrafficPolicy(svc: Service): FieldError[] {
  const policy = svc.spec?.internalTrafficPolicy;
  const path = 'spec.internalTrafficPolicy';
  if (policy === undefined) {
    const type = svc.spec?.type;
    const needsIt =
      type === ServiceType.NodePort || type === ServiceType.LoadBalancer || type === ServiceType.ClusterIP;
    return needsIt ? [required(path)] : [];
  }
  return SUPPORTED_TRAFFIC_POLICIES.includes(policy) ? [] : [notSupported(path, policy, SUPPORTED_TRAFFIC_POLICIES)];
}

/** trafficDistribution, when set, is one of the known preferences. */
export function validateTrafficDistribution(svc: Service): FieldError[] {
  const value = svc.spec?.trafficDistribution;
  if (value === undefined || SUPPORTED_TRAFFIC_DISTRIBUTIONS.includes(value)) return [];
  return [notSupported('spec.trafficDistribution', value, SUPPORTED_TRAFFIC_DISTRIBUTIONS)];
}

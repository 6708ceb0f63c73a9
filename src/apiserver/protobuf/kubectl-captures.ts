/**
 * Request bodies captured from the real kubectl (v1.32.4, and v1.33 where noted) posting to a
 * local listener, with the JSON object each must decode to. kubectl 1.33 sent the same bytes as
 * 1.32 for `create deployment`. Test data for the decoder.
 */

/** One captured body. */
export interface KubectlCapture {
  /** The command line that produced it. */
  readonly command: string;
  readonly kubectlVersion: string;
  readonly base64: string;
  /** What the body must decode to. */
  readonly expected: Readonly<Record<string, unknown>>;
}

const labels = (app: string) => ({ app });
const serviceMeta = (name: string) => ({ name, labels: labels(name) });

/** The captures, by short name. */
export const KUBECTL_CAPTURES: Readonly<Record<string, KubectlCapture>> = {
  createDeployment: {
    command: 'kubectl create deployment hello-livefire --image=nginx:1.25 --replicas=2 --port=8080',
    kubectlVersion: 'v1.32.4 (v1.33: identical bytes)',
    base64:
      'azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50EuoBCjUKDmhlbGxvLWxpdmVmaXJlEgAaACIAKgAyADgAQgBaFQoDYXBwEg5oZWxsby1saXZlZmlyZRKiAQgCEhcKFQoDYXBwEg5oZWxsby1saXZlZmlyZRp9CicKABIAGgAiACoAMgA4AEIAWhUKA2FwcBIOaGVsbG8tbGl2ZWZpcmUSUhI0CgVuZ2lueBIKbmdpbng6MS4yNSoAMgsKABAAGJA/IgAqAEIAagByAIABAIgBAJABAKIBABoAMgBCAEoAUgBYAGAAaACCAQCKAQCaAQDCAQAiAgoAKAA4ABoMCAAQABgAIAAoADgAGgAiAA==',
    // Reference §1, "kubectl create deployment": the JSON kubectl 1.31 sends for the same command.
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'hello-livefire', labels: labels('hello-livefire') },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels('hello-livefire') },
        template: {
          metadata: { labels: labels('hello-livefire') },
          spec: {
            containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 8080 }], resources: {} }],
          },
        },
        strategy: {},
      },
      status: {},
    },
  },
  createDeploymentZeroReplicas: {
    command: 'kubectl create deployment zero --image=busybox --replicas=0 -- sleep 3600',
    kubectlVersion: 'v1.32.4',
    base64:
      'azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50EsEBCiEKBHplcm8SABoAIgAqADIAOABCAFoLCgNhcHASBHplcm8SjQEIABINCgsKA2FwcBIEemVybxpyCh0KABIAGgAiACoAMgA4AEIAWgsKA2FwcBIEemVybxJREjMKB2J1c3lib3gSB2J1c3lib3gaBXNsZWVwGgQzNjAwKgBCAGoAcgCAAQCIAQCQAQCiAQAaADIAQgBKAFIAWABgAGgAggEAigEAmgEAwgEAIgIKACgAOAAaDAgAEAAYACAAKAA4ABoAIgA=',
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'zero', labels: labels('zero') },
      spec: {
        replicas: 0,
        selector: { matchLabels: labels('zero') },
        template: {
          metadata: { labels: labels('zero') },
          spec: {
            containers: [{ name: 'busybox', image: 'busybox', command: ['sleep', '3600'], resources: {} }],
          },
        },
        strategy: {},
      },
      status: {},
    },
  },
  createNamespace: {
    command: 'kubectl create namespace team-a',
    kubectlVersion: 'v1.32.4',
    base64: 'azhzAAoPCgJ2MRIJTmFtZXNwYWNlEh4KFgoGdGVhbS1hEgAaACIAKgAyADgAQgASABoCCgAaACIA',
    expected: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' }, spec: {}, status: {} },
  },
  createServiceNodePort: {
    command: 'kubectl create service nodeport web --tcp=80:8080',
    kubectlVersion: 'v1.32.4',
    base64:
      'azhzAAoNCgJ2MRIHU2VydmljZRJoCh8KA3dlYhIAGgAiACoAMgA4AEIAWgoKA2FwcBIDd2ViEkEKGwoHODAtODA4MBIDVENQGFAiBwgAEJA/GgAoABIKCgNhcHASA3dlYhoAIghOb2RlUG9ydDoAQgBSAFoAYABoABoCCgAaACIA',
    expected: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: serviceMeta('web'),
      spec: {
        ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }],
        selector: labels('web'),
        type: 'NodePort',
      },
      status: { loadBalancer: {} },
    },
  },
  createServiceNodePortNamed: {
    command: 'kubectl create service nodeport np2 --tcp=80:http --node-port=30080',
    kubectlVersion: 'v1.32.4',
    base64:
      'azhzAAoNCgJ2MRIHU2VydmljZRJtCh8KA25wMhIAGgAiACoAMgA4AEIAWgoKA2FwcBIDbnAyEkYKIAoHODAtaHR0cBIDVENQGFAiCggBEAAaBGh0dHAogOsBEgoKA2FwcBIDbnAyGgAiCE5vZGVQb3J0OgBCAFIAWgBgAGgAGgIKABoAIgA=',
    expected: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: serviceMeta('np2'),
      spec: {
        ports: [{ name: '80-http', protocol: 'TCP', port: 80, targetPort: 'http', nodePort: 30080 }],
        selector: labels('np2'),
        type: 'NodePort',
      },
      status: { loadBalancer: {} },
    },
  },
  createServiceClusterIP: {
    command: 'kubectl create service clusterip web2 --tcp=5678:8080',
    kubectlVersion: 'v1.32.4',
    base64:
      'azhzAAoNCgJ2MRIHU2VydmljZRJvCiEKBHdlYjISABoAIgAqADIAOABCAFoLCgNhcHASBHdlYjISRgoeCgk1Njc4LTgwODASA1RDUBiuLCIHCAAQkD8aACgAEgsKA2FwcBIEd2ViMhoAIglDbHVzdGVySVA6AEIAUgBaAGAAaAAaAgoAGgAiAA==',
    expected: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: serviceMeta('web2'),
      spec: {
        ports: [{ name: '5678-8080', protocol: 'TCP', port: 5678, targetPort: 8080 }],
        selector: labels('web2'),
        type: 'ClusterIP',
      },
      status: { loadBalancer: {} },
    },
  },
  createServiceExternalName: {
    command: 'kubectl create service externalname ext --external-name=example.com',
    kubectlVersion: 'v1.32.4',
    base64:
      'azhzAAoNCgJ2MRIHU2VydmljZRJaCh8KA2V4dBIAGgAiACoAMgA4AEIAWgoKA2FwcBIDZXh0EjMSCgoDYXBwEgNleHQaACIMRXh0ZXJuYWxOYW1lOgBCAFILZXhhbXBsZS5jb21aAGAAaAAaAgoAGgAiAA==',
    expected: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: serviceMeta('ext'),
      spec: { selector: labels('ext'), type: 'ExternalName', externalName: 'example.com' },
      status: { loadBalancer: {} },
    },
  },
  createServiceLoadBalancer: {
    command: 'kubectl create service loadbalancer lb --tcp=443:8443',
    kubectlVersion: 'v1.33',
    base64:
      'azhzAAoNCgJ2MRIHU2VydmljZRJrCh0KAmxiEgAaACIAKgAyADgAQgBaCQoDYXBwEgJsYhJGCh0KCDQ0My04NDQzEgNUQ1AYuwMiBwgAEPtBGgAoABIJCgNhcHASAmxiGgAiDExvYWRCYWxhbmNlcjoAQgBSAFoAYABoABoCCgAaACIA',
    expected: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: serviceMeta('lb'),
      spec: {
        ports: [{ name: '443-8443', protocol: 'TCP', port: 443, targetPort: 8443 }],
        selector: labels('lb'),
        type: 'LoadBalancer',
      },
      status: { loadBalancer: {} },
    },
  },
};

/** The bytes of a capture. */
export function captureBytes(capture: KubectlCapture): Uint8Array {
  return new Uint8Array(Buffer.from(capture.base64, 'base64'));
}

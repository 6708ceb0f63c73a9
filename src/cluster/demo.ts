/**
 * The demo the Kubernetes NodePort tutorial walks through: two echo pods behind a NodePort Service on 31155.
 */
import type { Deployment } from 'kubernetes-types/apps/v1.d.ts';
import type { Service } from 'kubernetes-types/core/v1.d.ts';

export const DEMO_DEPLOYMENT = 'hello-livefire';
export const DEMO_SERVICE = 'livefire-nodeport-svc';
export const DEMO_NODE_PORT = 31155;

const labels = { app: 'livefire' };

export const demoDeployment: Deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: DEMO_DEPLOYMENT, namespace: 'default', labels },
  spec: {
    replicas: 2,
    selector: { matchLabels: labels },
    template: {
      metadata: { labels },
      spec: {
        containers: [
          {
            name: 'echo',
            image: 'portico/echo',
            ports: [{ containerPort: 80, name: 'http' }],
            readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 2 },
          },
        ],
      },
    },
  },
};

export const demoService: Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: DEMO_SERVICE, namespace: 'default', labels },
  spec: {
    type: 'NodePort',
    selector: labels,
    externalTrafficPolicy: 'Cluster',
    ports: [{ port: 80, targetPort: 80, nodePort: DEMO_NODE_PORT, protocol: 'TCP' }],
  },
};

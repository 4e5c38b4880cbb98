/**
 * The part of Argo Workflows' `Workflow` resource (v1alpha1, schema v4.1.2) the exporter writes. Field names
 * follow Argo's exactly, so a misspelt field does not compile; the tests validate every export against Argo's
 * official JSON schema with its object definitions closed. Numbers that Argo types as IntOrString are strings
 * here, as its schema wants them.
 */

export interface ArgoWorkflow {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'Workflow';
  metadata: ObjectMeta;
  spec: WorkflowSpec;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface WorkflowSpec {
  entrypoint: string;
  arguments?: { parameters: Parameter[] };
  volumes?: Volume[];
  templates: Template[];
}

export interface Parameter {
  name: string;
  value?: string;
  description?: string;
  globalName?: string;
  valueFrom?: { path?: string; expression?: string };
}

export interface Template {
  name: string;
  metadata?: { annotations?: Record<string, string> };
  inputs?: { parameters: Parameter[] };
  outputs?: { parameters: Parameter[] };
  dag?: { failFast?: boolean; tasks: DagTask[] };
  container?: Container;
  containerSet?: { volumeMounts?: VolumeMount[]; containers: ContainerNode[] };
  suspend?: { duration: string };
  /** IntOrString: seconds, as a string. */
  activeDeadlineSeconds?: string;
  retryStrategy?: RetryStrategy;
}

export interface DagTask {
  name: string;
  template: string;
  depends?: string;
  when?: string;
  arguments?: { parameters: Parameter[] };
}

export interface RetryStrategy {
  /** IntOrString: the number of retries, as a string. */
  limit: string;
  retryPolicy: 'Always';
  backoff?: { duration: string };
}

export interface Container {
  name?: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  resources?: { limits: ResourceList; requests: ResourceList };
  volumeMounts?: VolumeMount[];
}

/** A container of a `containerSet`: a Container that may wait for others of the same pod. */
export interface ContainerNode extends Container {
  name: string;
  dependencies?: string[];
}

export interface ResourceList {
  cpu?: string;
  memory?: string;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef: { name: string; key: string } };
}

export interface VolumeMount {
  name: string;
  mountPath: string;
}

export interface Volume {
  name: string;
  persistentVolumeClaim?: { claimName: string };
  hostPath?: { path: string; type?: 'Directory' | 'File' };
  emptyDir?: Record<string, never>;
}

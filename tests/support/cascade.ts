import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CascadeLinks } from '#protocol/cascade.ts';
import { Health } from '#protocol/system.ts';
import { keyFingerprint } from '../../sfu-server/src/cascade/trust.ts';
import { loadOrCreateNodeKey, type NodeKey } from '../../sfu-server/src/identity/node-key.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';

/** A DATA_DIR holding a node key made beforehand, so its fingerprint can be configured before the node starts. */
export interface PreparedNode {
  dataDir: string;
  key: NodeKey;
  fingerprint: string;
}

export async function prepareNode(): Promise<PreparedNode> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dien-hong-node-'));
  const key = await loadOrCreateNodeKey(dataDir);
  return { dataDir, key, fingerprint: keyFingerprint(key.publicKey) };
}

/** A child node to start under the root: its id, the units the root gives it, extra environment. */
export interface ChildSpec {
  nodeId: string;
  units: string[];
  env?: Record<string, string>;
}

export interface Cascade {
  root: ServerProcess;
  rootNode: PreparedNode;
  children: Map<string, { process: ServerProcess; node: PreparedNode }>;
  child(nodeId: string): ServerProcess;
  stop(): Promise<void>;
}

/** CASCADE_CHILDREN for these children. */
export function childrenConfig(children: readonly (ChildSpec & { fingerprint: string })[]): string {
  return children.map((child) => `${child.nodeId}=${child.fingerprint}=${child.units.join('|')}`).join(',');
}

/** The environment of a child node under `parentUrl`. */
export function childEnv(spec: ChildSpec, node: PreparedNode, parentUrl: string, parentFingerprint: string): Record<string, string> {
  return {
    DATA_DIR: node.dataDir,
    NODE_ID: spec.nodeId,
    PARENT_URL: parentUrl,
    PARENT_KEY_FINGERPRINT: parentFingerprint,
    SEED_DEMO: 'false',
    ...spec.env,
  };
}

/**
 * The province root (demo data, NODE_ID `tinh`) and child nodes under it,
 * each a real server process on loopback, linked and serving before this
 * resolves.
 */
export async function startCascade(
  specs: readonly ChildSpec[],
  options: { rootEnv?: Record<string, string>; /** More children the root trusts, started by the caller. */ alsoTrusted?: (ChildSpec & { fingerprint: string })[] } = {},
): Promise<Cascade> {
  const rootNode = await prepareNode();
  const prepared = await Promise.all(specs.map(async (spec) => ({ spec, node: await prepareNode() })));
  const trusted = [...prepared.map(({ spec, node }) => ({ ...spec, fingerprint: node.fingerprint })), ...(options.alsoTrusted ?? [])];
  const root = await startServerProcess({
    DATA_DIR: rootNode.dataDir,
    NODE_ID: 'tinh',
    CASCADE_CHILDREN: childrenConfig(trusted),
    ...options.rootEnv,
  });
  const children = new Map<string, { process: ServerProcess; node: PreparedNode }>();
  const stop = async () => {
    await Promise.all([...children.values()].map(({ process: server }) => server.stop()));
    await root.stop();
  };
  try {
    for (const { spec, node } of prepared) {
      const server = await startServerProcess(childEnv(spec, node, root.url, rootNode.fingerprint));
      children.set(spec.nodeId, { process: server, node });
    }
    for (const { process: server } of children.values()) await untilLinked(server);
  } catch (error) {
    // The caller never gets the processes to stop: no orphans.
    await stop();
    throw error;
  }
  return {
    root,
    rootNode,
    children,
    child: (nodeId) => {
      const child = children.get(nodeId);
      if (!child) throw new Error(`no child node ${nodeId}`);
      return child.process;
    },
    stop,
  };
}

export async function health(baseUrl: string): Promise<Health> {
  return Health.parse(await (await fetch(`${baseUrl}/api/health`)).json());
}

/** Waits until a child node is linked to its parent (and so serves participants). */
export async function untilLinked(node: ServerProcess, linked = true, timeoutMs = 20_000): Promise<void> {
  // A plain loop, not expect.poll: this also runs in beforeAll.
  const deadline = Date.now() + timeoutMs;
  while ((await health(node.url).catch(() => undefined))?.linked !== linked) {
    if (Date.now() > deadline) throw new Error(`node ${node.url} not ${linked ? 'linked' : 'unlinked'} within ${timeoutMs} ms:\n${node.logs().slice(-20).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** GET /api/cascade/links of a node (loopback). */
export async function cascadeLinks(baseUrl: string): Promise<CascadeLinks> {
  return CascadeLinks.parse(await (await fetch(`${baseUrl}/api/cascade/links`)).json());
}

/** The pipe of one meeting on the link to `peerNodeId`, as `nodeUrl` sees it (undefined while there is none). */
export async function pipeOf(nodeUrl: string, peerNodeId: string, meetingId: string) {
  const links = await cascadeLinks(nodeUrl);
  return links.links.find((link) => link.nodeId === peerNodeId)?.pipes.find((pipe) => pipe.meetingId === meetingId);
}

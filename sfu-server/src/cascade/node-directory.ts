import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type { NodeAnnouncement } from '#protocol/cascade.ts';
import type { TrustedChild } from './trust.ts';

/** A unit of the directory, as routing needs it. */
export interface UnitRow {
  id: string;
  parent_id: string | null;
  name: string;
}

/** A node below this one, for operators and routing. */
export interface KnownNode {
  nodeId: string;
  parentNodeId: string;
  units: string[];
  publicUrl: string | null;
  connected: boolean;
}

/** Where a participant's media should connect: a node below, reachable now. */
export interface NodeRoute {
  nodeId: string;
  publicUrl: string;
}

/**
 * The nodes below this one and whether they are reachable now: this node's
 * own children (from CASCADE_CHILDREN, up while their link is) and what
 * each of them announces below itself (only what is up there). A node that
 * has a parent announces all of it upwards; the root routes with it.
 */
export class NodeDirectory extends EventEmitter<{ changed: [] }> {
  readonly #selfId: string;
  readonly #trusted: readonly TrustedChild[];
  readonly #log: FastifyBaseLogger;
  /** Connected children: their public URLs. */
  readonly #up = new Map<string, string>();
  /** What each connected child announced below itself. */
  readonly #below = new Map<string, NodeAnnouncement[]>();
  readonly #warned = new Set<string>();

  constructor(init: { selfId: string; trusted: readonly TrustedChild[]; log: FastifyBaseLogger }) {
    super();
    this.#selfId = init.selfId;
    this.#trusted = init.trusted;
    this.#log = init.log;
  }

  childUp(nodeId: string, publicUrl: string): void {
    this.#up.set(nodeId, publicUrl);
    this.#below.delete(nodeId);
    this.emit('changed');
  }

  /** A child's link closed: it and everything below it are unreachable. */
  childDown(nodeId: string): void {
    if (!this.#up.delete(nodeId)) return;
    this.#below.delete(nodeId);
    this.emit('changed');
  }

  /** A child announced the nodes below it (only ones whose parent is in its subtree are kept). */
  childAnnounced(nodeId: string, nodes: NodeAnnouncement[]): void {
    if (!this.#up.has(nodeId)) return;
    const subtree = new Set([nodeId]);
    const kept: NodeAnnouncement[] = [];
    // Parents before children, as a child announces them; anything else is dropped.
    for (const node of nodes) {
      if (!subtree.has(node.parentNodeId) || subtree.has(node.nodeId) || node.nodeId === this.#selfId) continue;
      subtree.add(node.nodeId);
      kept.push(node);
    }
    this.#below.set(nodeId, kept);
    this.emit('changed');
  }

  /** Every reachable node below this one, parents before children (what a child announces to its parent). */
  announcements(): NodeAnnouncement[] {
    const nodes: NodeAnnouncement[] = [];
    for (const child of this.#trusted) {
      const publicUrl = this.#up.get(child.nodeId);
      if (!publicUrl) continue;
      nodes.push({ nodeId: child.nodeId, parentNodeId: this.#selfId, units: child.units, publicUrl });
      nodes.push(...(this.#below.get(child.nodeId) ?? []));
    }
    return nodes;
  }

  /** Every node below: configured children (up or down) and what the connected ones announce. */
  list(): KnownNode[] {
    const nodes: KnownNode[] = [];
    for (const child of this.#trusted) {
      const publicUrl = this.#up.get(child.nodeId) ?? null;
      nodes.push({ nodeId: child.nodeId, parentNodeId: this.#selfId, units: child.units, publicUrl, connected: publicUrl !== null });
      for (const node of this.#below.get(child.nodeId) ?? []) nodes.push({ ...node, connected: true });
    }
    return nodes;
  }

  /**
   * The node a participant of `unitId` connects to: the one serving that
   * unit or its nearest ancestor, among nodes reachable now; null for this
   * node. Units are matched by id or by exact name (a name that is not
   * unique matches nothing and is logged). A node deeper down serves only
   * units inside what its parent serves.
   */
  routeFor(units: readonly UnitRow[], unitId: string | null): NodeRoute | null {
    if (!unitId) return null;
    const byId = new Map(units.map((unit) => [unit.id, unit]));
    const byName = new Map<string, string[]>();
    for (const unit of units) byName.set(unit.name, [...(byName.get(unit.name) ?? []), unit.id]);
    const resolve = (nodeId: string, spec: string): string | undefined => {
      if (byId.has(spec)) return spec;
      const ids = byName.get(spec) ?? [];
      if (ids.length === 1) return ids[0];
      this.#warnOnce(`${nodeId}:${spec}`, { nodeId, unit: spec, matches: ids.length }, 'a cascade node’s unit matches no single unit of the directory');
      return undefined;
    };
    const within = (unit: string, roots: ReadonlySet<string>): boolean => {
      for (let at: string | null | undefined = unit; at; at = byId.get(at)?.parent_id) if (roots.has(at)) return true;
      return false;
    };

    const servedBy = new Map<string, NodeRoute>();
    const resolved = new Map<string, Set<string>>();
    for (const node of this.announcements()) {
      const parentUnits = node.parentNodeId === this.#selfId ? undefined : resolved.get(node.parentNodeId);
      const mine = new Set<string>();
      for (const spec of node.units) {
        const unit = resolve(node.nodeId, spec);
        if (!unit) continue;
        if (parentUnits && !within(unit, parentUnits)) {
          this.#warnOnce(`${node.nodeId}:outside:${unit}`, { nodeId: node.nodeId, unit: spec }, 'a cascade node claims a unit outside its parent’s; ignored');
          continue;
        }
        mine.add(unit);
        if (!servedBy.has(unit)) servedBy.set(unit, { nodeId: node.nodeId, publicUrl: node.publicUrl });
      }
      resolved.set(node.nodeId, mine);
    }
    for (let at: string | null | undefined = unitId; at; at = byId.get(at)?.parent_id) {
      const route = servedBy.get(at);
      if (route) return route;
    }
    return null;
  }

  #warnOnce(key: string, details: object, message: string): void {
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    this.#log.warn(details, message);
  }
}

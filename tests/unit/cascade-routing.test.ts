import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { NodeDirectory, type UnitRow } from '../../sfu-server/src/cascade/node-directory.ts';
import { normalizeFingerprint, parseTrustedChildren } from '../../sfu-server/src/cascade/trust.ts';

const log = Fastify({ logger: { level: 'silent' } }).log;
const FP = (digit: string) => digit.repeat(64);

// Province → two districts → communes, as the demo seeds them (ids are UUIDs there).
const UNITS: UnitRow[] = [
  { id: 'tinh', parent_id: null, name: 'Tỉnh Quảng Ninh' },
  { id: 'tien-yen', parent_id: 'tinh', name: 'Huyện Tiên Yên' },
  { id: 'dong-ngu', parent_id: 'tien-yen', name: 'Xã Đông Ngũ' },
  { id: 'hai-lang', parent_id: 'tien-yen', name: 'Xã Hải Lạng' },
  { id: 'van-don', parent_id: 'tinh', name: 'Huyện Vân Đồn' },
  { id: 'doan-ket', parent_id: 'van-don', name: 'Xã Đoàn Kết' },
  { id: 'ha-long-1', parent_id: 'van-don', name: 'Xã Hạ Long' },
  { id: 'ha-long-2', parent_id: 'tinh', name: 'Xã Hạ Long' },
];

function rootDirectory() {
  const children = parseTrustedChildren(`tien-yen=${FP('a')}=Huyện Tiên Yên, van-don=${FP('b')}=van-don`);
  return new NodeDirectory({ selfId: 'root', trusted: children, log });
}

describe('configuring the nodes a parent trusts', () => {
  it('reads CASCADE_CHILDREN with unit names or ids, and refuses entries an operator got wrong', () => {
    expect(parseTrustedChildren(`tien-yen=sha256:${'AB:'.repeat(31)}AB=Huyện Tiên Yên|Xã Đông Ngũ\nvan-don=${FP('c')}=van-don`)).toEqual([
      { nodeId: 'tien-yen', fingerprint: 'ab'.repeat(32), units: ['Huyện Tiên Yên', 'Xã Đông Ngũ'] },
      { nodeId: 'van-don', fingerprint: FP('c'), units: ['van-don'] },
    ]);
    expect(parseTrustedChildren(undefined)).toEqual([]);
    expect(() => parseTrustedChildren(`tien-yen=${FP('a')}`)).toThrow(/<nodeId>=<fingerprint>=<unit>/);
    expect(() => parseTrustedChildren(`tien-yen=abc=Huyện Tiên Yên`)).toThrow(/64 hex digits/);
    expect(() => parseTrustedChildren(`a=${FP('a')}=X, b=${FP('a')}=Y`)).toThrow(/twice/);
    expect(normalizeFingerprint(` SHA256:${FP('F')} `)).toBe(FP('f'));
  });
});

describe('routing a participant to the node of their unit', () => {
  it('picks the node serving the unit or its nearest ancestor, among connected nodes; otherwise this node', () => {
    const directory = rootDirectory();
    expect(directory.routeFor(UNITS, 'dong-ngu')).toBeNull();
    directory.childUp('tien-yen', 'http://tien-yen:8080');
    directory.childUp('van-don', 'http://van-don:8080');
    expect(directory.routeFor(UNITS, 'dong-ngu')).toEqual({ nodeId: 'tien-yen', publicUrl: 'http://tien-yen:8080' });
    expect(directory.routeFor(UNITS, 'tien-yen')?.nodeId).toBe('tien-yen');
    // Matched by id as well as by name.
    expect(directory.routeFor(UNITS, 'doan-ket')?.nodeId).toBe('van-don');
    // The province itself, a person without a unit: this node.
    expect(directory.routeFor(UNITS, 'tinh')).toBeNull();
    expect(directory.routeFor(UNITS, null)).toBeNull();

    directory.childDown('tien-yen');
    expect(directory.routeFor(UNITS, 'dong-ngu')).toBeNull();
    expect(directory.list().map((node) => [node.nodeId, node.connected])).toEqual([
      ['tien-yen', false],
      ['van-don', true],
    ]);
  });

  it('routes to a node deeper down that a child announces, but only within what that child serves', () => {
    const directory = rootDirectory();
    directory.childUp('tien-yen', 'http://tien-yen:8080');
    directory.childAnnounced('tien-yen', [
      { nodeId: 'dong-ngu', parentNodeId: 'tien-yen', units: ['Xã Đông Ngũ'], publicUrl: 'http://dong-ngu:8080' },
      // A unit outside Tiên Yên is ignored, and so is a node claiming to hang under someone else.
      { nodeId: 'rogue', parentNodeId: 'tien-yen', units: ['Xã Đoàn Kết'], publicUrl: 'http://rogue:8080' },
      { nodeId: 'orphan', parentNodeId: 'van-don', units: ['Xã Hải Lạng'], publicUrl: 'http://orphan:8080' },
    ]);
    expect(directory.routeFor(UNITS, 'dong-ngu')?.nodeId).toBe('dong-ngu');
    expect(directory.routeFor(UNITS, 'hai-lang')?.nodeId).toBe('tien-yen');
    expect(directory.routeFor(UNITS, 'doan-ket')).toBeNull();
    expect(directory.announcements().map((node) => node.nodeId)).toEqual(['tien-yen', 'dong-ngu', 'rogue']);
    // A district node going down takes the nodes below it along.
    directory.childDown('tien-yen');
    expect(directory.routeFor(UNITS, 'dong-ngu')).toBeNull();
  });

  it('matches a unit name only when it is unique in the directory', () => {
    const directory = new NodeDirectory({ selfId: 'root', trusted: parseTrustedChildren(`ha-long=${FP('d')}=Xã Hạ Long`), log });
    directory.childUp('ha-long', 'http://ha-long:8080');
    expect(directory.routeFor(UNITS, 'ha-long-1')).toBeNull();
    expect(directory.routeFor(UNITS, 'ha-long-2')).toBeNull();
  });
});

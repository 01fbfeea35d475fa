import { generateKeyPairSync, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * This server node's Ed25519 identity. It signs login tokens (so any node
 * holding the public key can verify them) and, later, final vote results.
 * Generated on first start and kept in DATA_DIR with owner-only permissions.
 */
export interface NodeKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export async function loadOrCreateNodeKey(dataDir: string): Promise<NodeKey> {
  const path = join(dataDir, 'node-key.pem');
  try {
    const privateKey = createPrivateKey(await readFile(path, 'utf8'));
    return { privateKey, publicKey: createPublicKey(privateKey) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  await writeFile(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  return { privateKey, publicKey };
}

/**
 * Server process entry: `node sfu-server/src/main.ts`. Configuration comes
 * from the environment (see config.ts); SIGINT/SIGTERM shut down cleanly.
 */
import { loadConfig } from './config.ts';
import { startServer } from './server.ts';

const config = loadConfig();
const server = await startServer(config);

const roleLabel: Record<string, string> = {
  chair: 'chủ tọa / chair',
  secretary: 'thư ký / secretary',
  delegate: 'đại biểu / delegate',
  site: 'điểm cầu / site',
};
const lines = [
  `\nDiên Hồng đang chạy / is running at ${server.url}`,
  `Nút / node ${server.node.nodeId} (${server.node.role === 'root' ? 'gốc / root' : 'con / child'}), khóa / key sha256:${server.node.keyFingerprint}`,
];
if (server.demo) {
  lines.push(`Mật khẩu tài khoản mẫu / demo password: ${server.demo.password}`);
  for (const account of server.demo.accounts) {
    lines.push(`  ${account.username.padEnd(14)} ${(roleLabel[account.role] ?? account.role).padEnd(24)} ${account.displayName}`);
  }
}
process.stdout.write(`${lines.join('\n')}\n\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}

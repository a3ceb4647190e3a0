/**
 * Throwaway TLS material for real-engine tests (a registry or Notary server on HTTPS), made
 * with openssl, and free ports to serve on.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '0.0.0.0', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A CA (`ca.crt`, `ca.key`) and a server certificate it signed for one IP address
 * (`<name>.crt`, `<name>.key`), as PEM files in `dir`.
 */
export function makeCertificates(dir: string, ip: string, name: string): void {
  writeFileSync(join(dir, 'san.ext'), `subjectAltName = IP:${ip}\n`);
  const ssl = (args: string, subject?: string) =>
    execFileSync('openssl', [...args.split(' '), ...(subject ? ['-subj', subject] : [])], {
      cwd: dir,
      stdio: 'pipe',
    });
  ssl(
    'req -x509 -newkey rsa:2048 -nodes -days 2 -keyout ca.key -out ca.crt',
    '/CN=dockdrill test CA',
  );
  ssl(`req -newkey rsa:2048 -nodes -keyout ${name}.key -out ${name}.csr`, `/CN=${ip}`);
  ssl(
    `x509 -req -in ${name}.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile san.ext -out ${name}.crt`,
  );
}

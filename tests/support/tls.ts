// A TLS endpoint for the test engine: certificates made with openssl, and a TLS-terminating proxy on
// 127.0.0.1:<free port> that requires a client certificate signed by its CA and forwards to the local socket.
// So the suites reach the shared engine "remotely" without restarting dockerd.
import { execFileSync } from "child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import * as tls from "tls";

export interface Pki {
  /** The CA that signed the server and client certificates. */
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** Another CA, which signed nothing here: verification with it fails. */
  otherCa: string;
  /** A client certificate signed by the other CA: the proxy refuses it. */
  strangerCert: string;
  strangerKey: string;
  /** A directory laid out like DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem). */
  certDir: string;
  cleanup(): void;
}

function openssl(dir: string, args: string[]): void {
  execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
}

/** A fresh CA, a server certificate for 127.0.0.1/localhost, a client certificate, and a second unrelated CA. */
export function makePki(): Pki {
  const dir = mkdtempSync(path.join(os.tmpdir(), "dockwright-pki-"));
  const ca = (name: string) =>
    openssl(dir, ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
      "-subj", `/CN=${name}`, "-keyout", `${name}.key`, "-out", `${name}.pem`]);
  const leaf = (name: string, signer: string, ext: string) => {
    openssl(dir, ["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", `/CN=${name}`,
      "-keyout", `${name}.key`, "-out", `${name}.csr`]);
    writeFileSync(path.join(dir, `${name}.ext`), ext);
    openssl(dir, ["x509", "-req", "-in", `${name}.csr`, "-CA", `${signer}.pem`, "-CAkey", `${signer}.key`, "-CAcreateserial",
      "-days", "2", "-extfile", `${name}.ext`, "-out", `${name}.pem`]);
  };
  ca("test-ca");
  ca("other-ca");
  leaf("server", "test-ca", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  leaf("client", "test-ca", "extendedKeyUsage=clientAuth\n");
  leaf("stranger", "other-ca", "extendedKeyUsage=clientAuth\n");
  const read = (f: string) => readFileSync(path.join(dir, f), "utf8");
  const certDir = path.join(dir, "docker");
  mkdirSync(certDir);
  writeFileSync(path.join(certDir, "ca.pem"), read("test-ca.pem"));
  writeFileSync(path.join(certDir, "cert.pem"), read("client.pem"));
  writeFileSync(path.join(certDir, "key.pem"), read("client.key"));
  return {
    ca: read("test-ca.pem"),
    serverCert: read("server.pem"),
    serverKey: read("server.key"),
    clientCert: read("client.pem"),
    clientKey: read("client.key"),
    otherCa: read("other-ca.pem"),
    strangerCert: read("stranger.pem"),
    strangerKey: read("stranger.key"),
    certDir,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface TlsProxy {
  port: number;
  /** tcp://127.0.0.1:<port> */
  url: string;
  /** TLS sessions established (client certificate accepted), and handshakes that failed. */
  readonly accepted: number;
  readonly refused: number;
  stop(): Promise<void>;
}

/** `dockerd --tlsverify` in front of the local socket: client certificates signed by the CA only. */
export async function startTlsProxy(pki: Pki, socketPath = "/var/run/docker.sock"): Promise<TlsProxy> {
  const sockets = new Set<net.Socket>();
  const counts = { accepted: 0, refused: 0 };
  const server = tls.createServer(
    { key: pki.serverKey, cert: pki.serverCert, ca: pki.ca, requestCert: true, rejectUnauthorized: true },
    (client) => {
      counts.accepted++;
      const upstream = net.connect(socketPath);
      sockets.add(upstream);
      upstream.on("close", () => sockets.delete(upstream));
      client.on("error", () => upstream.destroy());
      upstream.on("error", () => client.destroy());
      client.pipe(upstream).pipe(client);
    },
  );
  server.on("tlsClientError", () => counts.refused++);
  server.on("connection", (s: net.Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port));
  });
  return {
    port,
    url: `tcp://127.0.0.1:${port}`,
    get accepted() {
      return counts.accepted;
    },
    get refused() {
      return counts.refused;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

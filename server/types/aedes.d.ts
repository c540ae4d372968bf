// aedes 1.2.0 points "types" at aedes.d.ts but does not ship it; this declares the part the box uses.
declare module 'aedes' {
  import type { EventEmitter } from 'node:events';
  import type { Duplex } from 'node:stream';
  import type { IncomingMessage } from 'node:http';
  import type { Principal } from '../core/devices/topic-acl.ts';

  export type AuthenticateError = Error & { returnCode: number };
  export interface PublishPacket {
    cmd: 'publish';
    topic: string;
    payload: Buffer | string;
    qos: 0 | 1 | 2;
    retain: boolean;
    dup: boolean;
  }
  export interface Subscription {
    topic: string;
    qos: 0 | 1 | 2;
  }
  export interface ConnectPacket {
    cmd: 'connect';
    clientId: string;
    clean: boolean;
    username?: string;
    will?: { topic: string };
  }
  export interface Client extends EventEmitter {
    id: string;
    /** the session is clean (CleanSession 1): nothing of it outlives the connection */
    clean: boolean;
    principal?: Principal;
    /** the network stream (a net.Socket or tls.TLSSocket for TCP) */
    conn: Duplex & { remoteAddress?: string };
    /** the HTTP upgrade request, for MQTT over WebSocket */
    req?: IncomingMessage;
    close(done?: () => void): void;
  }
  export interface AedesOptions {
    id?: string;
    drainTimeout?: number;
    queueLimit?: number;
    connectTimeout?: number;
    heartbeatInterval?: number;
    maxClientsIdLength?: number;
    preConnect?: (client: Client, packet: ConnectPacket, done: (error: Error | null, success: boolean) => void) => void;
    authenticate?: (
      client: Client,
      username: string | undefined,
      password: Buffer | undefined,
      done: (error: AuthenticateError | null, success: boolean | null) => void,
    ) => void;
    authorizePublish?: (client: Client | null, packet: PublishPacket, done: (error?: Error | null) => void) => void;
    authorizeSubscribe?: (
      client: Client,
      subscription: Subscription,
      done: (error: Error | null, subscription?: Subscription | null) => void,
    ) => void;
  }
  export class Aedes extends EventEmitter {
    static createBroker(options?: AedesOptions): Promise<Aedes>;
    readonly clients: Record<string, Client>;
    readonly connectedClients: number;
    handle(stream: Duplex, request?: IncomingMessage): Client;
    publish(packet: PublishPacket, done: (error?: Error) => void): void;
    close(done?: () => void): void;
  }
}

import { existsSync, readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/** The device agent's configuration (agent.json; docs/devices.md). Every key has a default except the peripherals. */
export const AgentConfigSchema = Type.Object(
  {
    /** where the box is; absent = find it over mDNS (`_storebox._tcp`) on `mdnsInterface` */
    box: Type.Optional(
      Type.Object(
        {
          host: Type.String({ minLength: 1 }),
          apiPort: Type.Integer({ minimum: 1, maximum: 65535 }),
          /** the box's HTTPS port (http.tlsPort) and certificate fingerprint, as the installer read them: pairing never speaks plain HTTP then */
          httpsPort: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
          tlsFingerprint: Type.Optional(
            Type.String({
              pattern: '^([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$',
              description: 'SHA-256, colon hex (mDNS TXT `tls`, `openssl x509 -fingerprint -sha256`)',
            }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    mdnsInterface: Type.String({
      default: '127.0.0.1',
      description: "address of the interface to browse on (the lane PC's LAN address in production)",
    }),
    stateDir: Type.String({
      default: './agent-state',
      minLength: 1,
      description: 'device id, agent key and MQTT credentials (0600)',
    }),
    deviceId: Type.Optional(
      Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$', description: 'default: agent-<hostname>' }),
    ),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    laneHint: Type.Optional(Type.String({ minLength: 1, maxLength: 16 })),
    /** connect MQTT over TLS, pinning the box's certificate fingerprint (mDNS TXT `tls` and the pairing reply) */
    tls: Type.Boolean({ default: true }),
    /** MQTT over a TLS WebSocket (`wss://<box>:<http.tlsPort>/mqtt`) instead of mqtts, when the box offers it; same CA and pinned fingerprint */
    wss: Type.Boolean({ default: false }),
    /** advertise `_storebox-agent._tcp` on `mdnsInterface` so the box sees this agent and its address */
    advertise: Type.Boolean({ default: true }),
    reconnectMinMs: Type.Integer({ default: 500, minimum: 50 }),
    reconnectMaxMs: Type.Integer({ default: 30_000, minimum: 100 }),
    peripherals: Type.Object(
      {
        scale: Type.Optional(
          Type.Object(
            {
              path: Type.String({ minLength: 1 }),
              protocol: Type.Union([Type.Literal('toledo-8217'), Type.Literal('mt-sics')]),
              pollIntervalMs: Type.Optional(Type.Integer({ minimum: 20 })),
            },
            { additionalProperties: false },
          ),
        ),
        display: Type.Optional(
          Type.Object(
            {
              path: Type.String({ minLength: 1 }),
              protocol: Type.Union([Type.Literal('epson'), Type.Literal('cd5220'), Type.Literal('led8')]),
            },
            { additionalProperties: false },
          ),
        ),
        scanner: Type.Optional(
          Type.Object(
            {
              path: Type.String({ minLength: 1 }),
              prefix: Type.Optional(Type.String()),
              suffix: Type.Optional(Type.String()),
            },
            { additionalProperties: false },
          ),
        ),
        printer: Type.Optional(
          Type.Object(
            { path: Type.String({ minLength: 1 }), baudRate: Type.Integer({ default: 9600 }) },
            { additionalProperties: false },
          ),
        ),
      },
      { default: {}, additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type AgentConfig = Static<typeof AgentConfigSchema>;

/** Where the systemd unit's agent finds its config when no --config is given (like the box's /etc/storebox/config.json). */
export const DEFAULT_AGENT_CONFIG = '/etc/storebox/agent.json';

/** Reads agent.json (given, or the default path if it exists), applies STOREBOX_AGENT_DATA_DIR (the systemd unit sets it) and the defaults; throws naming the bad key. */
export function loadAgentConfig(file: string | undefined, env: NodeJS.ProcessEnv = process.env): AgentConfig {
  const path = file ?? (existsSync(DEFAULT_AGENT_CONFIG) ? DEFAULT_AGENT_CONFIG : undefined);
  const raw = path ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : {};
  if (env.STOREBOX_AGENT_DATA_DIR) raw.stateDir = env.STOREBOX_AGENT_DATA_DIR;
  return parseAgentConfig(raw);
}

export function parseAgentConfig(raw: unknown): AgentConfig {
  const value = Value.Default(AgentConfigSchema, structuredClone(raw ?? {}));
  const bad = Value.Errors(AgentConfigSchema, value).First();
  if (bad) throw new Error(`agent config: ${bad.path || '/'} ${bad.message}`);
  return value as AgentConfig;
}

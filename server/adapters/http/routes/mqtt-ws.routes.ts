import { createWebSocketStream } from 'ws';
import type { FastifyInstance } from 'fastify';
import type { MqttBroker } from '../../mqtt/mqtt-broker.ts';

/** MQTT over WebSocket at /mqtt; MQTT's own CONNECT credentials authenticate, not HTTP. */
export function mqttWebSocketRoute(broker: MqttBroker) {
  return async (app: FastifyInstance) => {
    app.get('/mqtt', { websocket: true, config: { public: true }, schema: { hide: true } }, (socket, request) => {
      const stream = createWebSocketStream(socket);
      stream.on('error', () => stream.destroy());
      broker.handleStream(stream, request.raw);
    });
  };
}

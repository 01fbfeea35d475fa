import type { SignalNotificationData, SignalResponseData } from '#protocol/signaling.ts';

type TransportParameters = Omit<SignalResponseData<'createWebRtcTransport'>, 'transportId'>;
type ClientRtpCapabilities = SignalResponseData<'join'>['routerRtpCapabilities'];
type ClientRtpParameters = SignalNotificationData<'newConsumer'>['rtpParameters'];

/**
 * mediasoup 3.12 (server) and mediasoup-client 3.24 describe the same JSON
 * with differently strict TypeScript types (e.g. `uri: string` against a
 * union of known URIs). These functions are the one place where server
 * objects are declared as the client-typed wire format.
 */
export const wire = {
  transport: (parameters: { iceParameters: unknown; iceCandidates: unknown; dtlsParameters: unknown }) =>
    parameters as TransportParameters,
  iceParameters: (parameters: unknown) => parameters as TransportParameters['iceParameters'],
  rtpCapabilities: (capabilities: unknown) => capabilities as ClientRtpCapabilities,
  rtpParameters: (parameters: unknown) => parameters as ClientRtpParameters,
};

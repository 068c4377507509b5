/**
 * Who a service acts for: the signed-in user behind a request or a live-editing socket. Every
 * service method that acts for someone takes it first, as `actor`, so rights are checked the same
 * way whichever door a change comes through.
 */
export interface Actor {
  userId: string;
}

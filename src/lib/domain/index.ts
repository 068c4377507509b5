// The domain is shared by the browser and the server, and imports from neither.
export * from './interaction-schema';
export * from './validation';
export * from './changed-fields';
export * from './messages';
export * from './datetime';
export * from './crdt';
export * from './map-entries';
export * from './ids';
export * from './roles';
export * from './zoned-time';
export * from './site-schema';
export * from './administration';

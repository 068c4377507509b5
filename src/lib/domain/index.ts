// The domain is shared by the browser and the server, and imports from neither. The Yjs layer
// (crdt.ts, map-entries.ts) is imported from its own files, so a page that never edits a record
// (the Finder's first paint) does not download Yjs.
export * from './interaction-schema';
export * from './validation';
export * from './changed-fields';
export * from './messages';
export * from './datetime';
export * from './ids';
export * from './roles';
export * from './zoned-time';
export * from './site-schema';
export * from './administration';

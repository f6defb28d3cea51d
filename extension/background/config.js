// Release configuration of dataset updates.

// The Masthead project's ed25519 public key (hex, 32 bytes), the same as keys/masthead.pub. Only
// bundles signed with the matching private key, which the maintainers keep offline and never commit,
// are accepted as updates. The browser tests replace this line with a key they generate.
export const PUBLIC_KEY_HEX = '1e6b57c0756b78870737c77f5503f57f98d67c0fb298cfde3a99aa43e9bffa2e';

// Where automatic checks fetch signed bundles. The project has no published update host yet, so the
// default is empty and automatic checks stay idle until the reader sets a URL in the options (or a
// distributor sets this constant). Nothing is fetched while browsing either way.
export const DEFAULT_UPDATE_URL = '';

// Updates larger than this are refused before they are read in full: the bundled dataset is ~2.3 MB
// (6 December 2026, 2,800 outlets), so this leaves room for about seven times the data.
export const MAX_UPDATE_BYTES = 16 * 1024 * 1024;

// A server that does not answer within this time is given up on; the current data keeps answering.
export const UPDATE_TIMEOUT_MS = 15_000;

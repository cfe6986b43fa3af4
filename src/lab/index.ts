// The embedded lab's public API, as the CLI calls it.
export { labUp, MAX_LAB_HOSTS, type LabUpOptions } from './lab-up.js';
export { labDown, type LabDownOptions, type LabDownResult } from './lab-down.js';
export { labStatus, type LabStatus, type LabHostStatus, type LabCloudApiStatus } from './lab-status.js';
export { formatLabStatus } from './format-lab-status.js';
export { LabError } from './lab-error.js';
export type { LabState, LabHostState } from './lab-state.js';
export { DEFAULT_LAB_DIR, resolveLabDir, labLayout, hostLayout } from './lab-layout.js';
export { cloudApiFiles, CLOUD_API_URL, CLOUD_API_PORT } from './cloud-api-layout.js';

/**
 * Preloaded (node -r) into the built service by bench/failure-recording.ts for the side of its A/B
 * without failure recording: the recorder adds neither its failure-feed listener nor its finish hook, everything else is the same
 * build. Bench-only: the service has no switch for this, and needs none.
 */
const { join } = require('node:path');
const { FailureRecorder } = require(join(__dirname, '..', '..', 'dist', 'src', 'failures', 'failure-recorder'));

FailureRecorder.prototype.onModuleInit = function withoutRecording() {};
